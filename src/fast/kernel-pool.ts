import type { Matcher, TimeContext } from '../model/settings.js';
import { kernelCodesOf } from './catalog-tables.js';
import type { FileStat } from '../model/stats.js';
import { dateOrdersTaken } from '../extract/timestamp.js';
import { Scopes, type Kind, type LineFields } from './json-line.js';
import { Kernel } from './kernels.js';

// Kernels are kept for the next file: making one (an instance, its memory, the catalog table) is not free.
const free = new Map<string, Kernel[]>();

/**
 * A kernel with the given catalog set (none: no codes) that reads times with the given rules, from those
 * released before when there is one.
 */
export function acquireKernel(codes?: readonly string[], times?: TimeContext): Kernel {
  const key = codes === undefined ? '' : keyOf(codes);
  let kernel = free.get(key)?.pop();
  if (kernel === undefined) {
    kernel = new Kernel();
    if (codes !== undefined) kernel.setCatalog(codes);
    kernel.key = key;
  }
  kernel.useTimes(times);
  // Its objects are no export's elements until its scanner says so.
  kernel.watchScopes(Scopes.Off);
  // What it, or this thread's reader of times (some fields are read there), saw before is not this file's.
  kernel.dateOrdersTaken();
  dateOrdersTaken();
  return kernel;
}

// A scan passes the same codes for every file (see kernelCodesOf): their key is made once, not per file.
const keys = new WeakMap<readonly string[], string>();
function keyOf(codes: readonly string[]): string {
  let key = keys.get(codes);
  if (key === undefined) keys.set(codes, (key = codes.join('\n')));
  return key;
}

/** Gives a kernel back when its scanner is done with it, first telling the file's stat (if any) what it and the thread's reader of times saw of its dates. */
export function releaseKernel(kernel: Kernel, stat?: FileStat): void {
  const orders = kernel.dateOrdersTaken() | dateOrdersTaken();
  if (orders !== 0 && stat !== undefined) stat.dateOrders = (stat.dateOrders ?? 0) | orders;
  const list = free.get(kernel.key) ?? [];
  // A few are plenty: files are scanned one after the other in a thread.
  if (list.length < 2) list.push(kernel);
  free.set(kernel.key, list);
}

let shared: Kernel | undefined;

/** The own time of a plain-text line in bytes not in a kernel's memory (copied in first): for tests. */
export function timeOfBytes(bytes: Uint8Array, times?: TimeContext): number | null {
  shared ??= new Kernel();
  shared.useTimes(times);
  const buf = shared.room(Math.max(bytes.length, 1));
  buf.set(bytes);
  return shared.lineTime(0, bytes.length);
}

/** Validates bytes that are not in a kernel's memory (they are copied in first): for tests and tools. */
export function validateBytes(bytes: Uint8Array, fields: LineFields): Kind {
  shared ??= new Kernel();
  const buf = shared.room(Math.max(bytes.length, 1));
  buf.set(bytes);
  return shared.validate(0, bytes.length, fields);
}

/** Does the JSON line `bytes` carry on the record before it when written with it (a range never starts at one: src/parallel/plan.ts)? */
export function jsonLineCarries(bytes: Uint8Array): boolean {
  shared ??= new Kernel();
  const buf = shared.room(Math.max(bytes.length, 1));
  buf.set(bytes);
  return shared.jsonlCarries(0, bytes.length);
}

/**
 * A test of whether a text holds a catalog code, read by a kernel with the matcher's codes (src/wasm/words.ts,
 * as a piece of a line is); undefined when no kernel reads this catalog (see kernelCodesOf).
 */
export function catalogCodeTest(matcher: Matcher): ((text: string) => boolean) | undefined {
  const codes = kernelCodesOf(matcher);
  if (codes === undefined) return undefined;
  return (text) => {
    const kernel = acquireKernel(codes);
    try {
      const n = Buffer.byteLength(text);
      kernel.room(n).write(text, 0, 'utf8');
      // More words than the kernel's output holds: codes among them, surely.
      return (kernel.pieceWords(0, n)?.codes ?? 1) > 0;
    } finally {
      releaseKernel(kernel);
    }
  };
}
