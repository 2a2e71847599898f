// What the byte kernel hands its callers (src/fast/kernels.ts), line by line or call by call.
import type { JsonlKind } from './kernel-layout.js';

/**
 * Receives each line with findings from scanText: its start and end (at its `\n` or the end, offsets in the
 * buffer), the lines before it since the start of the call, and from `at` in `words`: nCodes pairs (catalog
 * index, absolute position), nUnknown pairs (absolute start, end), then its nIds account ids (-1: the kernel
 * could not tell them: find them here); its own time (NaN: none); the index in the call of its record's
 * first line (negative: a line of an earlier call), codes the kernel counted at that first line left out;
 * and the time it has, own or the one before it (NaN: none).
 */
export type TextSink = (ls: number, le: number, index: number, words: Int32Array, nCodes: number, nUnknown: number, at: number, nIds: number, time: number, record: number, last: number) => void;

/**
 * Receives each line scanJsonl reports: its start and end (offsets in the buffer, the end at its `\n`),
 * its index among the lines of the call, its kind, its own time (NaN: none), and from `at` in `words`:
 * nCodes pairs (catalog index, absolute position), nUnknown pairs (absolute start, end), nIds account ids;
 * then the index of its record's first line (as TextSink's: src/wasm/json-records.ts).
 */
export type JsonlSink = (ls: number, le: number, index: number, kind: JsonlKind, time: number, words: Int32Array, at: number, nCodes: number, nUnknown: number, nIds: number, record: number) => void;

/** Receives each element scanJsonArray reports: as JsonlSink, with the element's line after its index, and its time own or inherited (NaN: none). */
export type ArraySink = (s: number, e: number, index: number, line: number, kind: JsonlKind, time: number, words: Int32Array, at: number, nCodes: number, nUnknown: number, nIds: number, record: number) => void;

/**
 * The own times a call noted (src/wasm/window.ts): n entries of 4 words in `i32` (2 in `f64`) from `at` —
 * the line's index in the call, its start (absolute: subtract `base`), and at f64[at / 2 + 1] its time
 * (+Infinity: only the caller can tell); the lines the call read and where to go on from.
 */
export interface NotedTimes {
  n: number;
  lines: number;
  next: number;
  i32: Int32Array;
  f64: Float64Array;
  at: number;
  base: number;
}

/** A scan with a window: the time the next call's first line inherits (NaN: none), and what each call noted, before the lines it reports. */
export interface Windowed {
  readonly before: number;
  took(t: NotedTimes, first: number): void;
}

/** Receives the e-mail addresses the kernel finds: offsets in the buffer and the account's id (see accountId). */
export interface EmailSink {
  email(s: number, e: number, id: number): void;
}
