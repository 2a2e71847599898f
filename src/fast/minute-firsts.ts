import { addEvidence, keepsInBucket } from '../summary/samples.js';
import type { CodeStat } from '../model/tally.js';

/** Makes the evidence of a code's occurrence from where it is in the buffer (see LineFindings.lastSample). */
export type MakeSample = (idx: number, ls: number, le: number, at: number, field: boolean) => string;

/**
 * The earliest occurrence of each minute of each code in a file, as evidence candidates (see keepsInBucket):
 * per code, the first of each run of its occurrences in one minute and any earlier one in that run (the
 * earliest of a minute's runs is the earliest of the minute). A candidate's evidence is made only when it is
 * kept, at once or after the kernel's call, while its bytes are in the buffer.
 */
export class MinuteFirsts {
  /** Per catalog index: the earliest time of its current run. */
  private readonly runFirst: number[];
  /** Kept candidates whose evidence is made after the kernel's call: the sample, code, line start, end, position. */
  private readonly unmade: [{ text: string }, number, number, number, number][] = [];

  constructor(
    codes: number,
    private readonly file: string,
  ) {
    // A plain array: one is made per file, and a typed array costs several times more to make.
    this.runFirst = new Array<number>(codes).fill(0);
  }

  /**
   * An occurrence of code idx at `time` on `line`, starting a run (`fresh`) or not: `text` its evidence, or
   * where to make it (3 numbers at where[p]; NaN: nowhere). `given`: it is a candidate already.
   */
  note(st: CodeStat, idx: number, fresh: boolean, given: boolean, line: number, time: number, text: string | undefined, where: readonly number[], p: number): void {
    if (!fresh && time >= this.runFirst[idx]!) return;
    this.runFirst[idx] = time;
    if (given || !keepsInBucket(st.evidence, time, this.file, line)) return;
    if (text === undefined && Number.isNaN(where[p])) return;
    const x = { file: this.file, line, time, text: text ?? '' };
    if (text === undefined) this.unmade.push([x, idx, where[p]!, where[p + 1]!, where[p + 2]!]);
    addEvidence(st.evidence, x);
  }

  /** An occurrence the kernel counted that may be the earliest of its minute (see Kernel.takeBuckets). */
  kernelCandidate(st: CodeStat, idx: number, line: number, time: number, ls: number, le: number, at: number, field: boolean, make: MakeSample): void {
    if (keepsInBucket(st.evidence, time, this.file, line)) addEvidence(st.evidence, { file: this.file, line, time, text: make(idx, ls, le, at, field) });
  }

  /** Makes the evidence of the candidates kept since last asked. */
  makeTexts(make: MakeSample): void {
    for (const [x, idx, ls, le, at] of this.unmade) x.text = make(idx, ls, le, at, false);
    this.unmade.length = 0;
  }
}
