/**
 * What the hostile-input tests (test/hostile-input-*.test.ts) share: the engines every case runs on, the
 * fixtures/bad/ path, the checks every case makes, and a writer of big generated files.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { expect } from 'vitest';
import { linesNaming, stackTraceLines, type Run } from './cli.js';

export { ENGINES } from '../oracle/switch.js';
export const bad = (name: string): string => `fixtures/bad/${name}`;
export const MiB = 1024 * 1024;

/** The checks every case shares: exit code, no stack trace, and exactly one stderr line per named file. */
export function expectClean(run: Pick<Run, 'code' | 'err'>, code: number, namedOnce: readonly string[] = []): void {
  expect(stackTraceLines(run.err), run.err).toEqual([]);
  for (const name of namedOnce) expect(linesNaming(run.err, name), run.err).toHaveLength(1);
  expect(run.code, run.err).toBe(code);
}

/** Writes a file of `size` bytes of filler (no `_`, no newline) with `inserts` written over it at their offsets. */
export function writeFiller(file: string, size: number, inserts: readonly (readonly [number, string])[], filler = 'lorem ipsum dolor sit amet '): void {
  const block = Buffer.alloc(MiB, filler);
  const fd = openSync(file, 'w');
  try {
    for (let at = 0; at < size; at += MiB) writeSync(fd, block, 0, Math.min(MiB, size - at), at);
    for (const [at, text] of inserts) writeSync(fd, Buffer.from(text), 0, Buffer.byteLength(text), at);
  } finally {
    closeSync(fd);
  }
}
