/** What the kernel module (src/wasm/kernels.ts, built to dist/wasm/kernels.wasm) exports, as src/fast/kernels.ts calls it. */
export interface KernelExports {
  readonly memory: WebAssembly.Memory;
  heapBase(): number;
  fields(): number;
  validate(s: number, e: number): number;
  elementEnd(s: number, to: number): number;
  emails(s: number, e: number): number;
  emailsOut(): number;
  accountBytes(): number;
  setAccounts(at: number): void;
  accountId(s: number, e: number): number;
  accountsReset(): void;
  accountsBusy(): number;
  accountCount(): number;
  accountNamesAt(): number;
  accountRank(id: number): number;
  scanJsonl(s: number, e: number, longest: number, lineBase: number): number;
  setCatalog(table: number, mask: number, lengths: number, longest: number): void;
  codeHash(s: number, e: number): number;
  scanText(s: number, e: number, lineBase: number): number;
  textOut(): number;
  countBytes(codes: number): number;
  setCounts(at: number, codes: number): void;
  countsReset(): void;
  setSteady(idx: number): void;
  countedOut(): number;
  bucketsOut(): number;
  bucketsWaiting(): number;
  bucketsTaken(): void;
  countsEnd(): void;
  accountCountsAt(): number;
  timeOf(s: number, e: number): number;
  keysOut(): number;
  watch(slot: number, len: number): void;
  lineTimes(s: number, e: number, longest: number, json: number): number;
  timesOut(): number;
  pauseCounts(on: number): void;
}
