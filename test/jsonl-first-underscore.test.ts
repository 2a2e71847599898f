/**
 * A JSON line without a code field is read for its `_` words from its first `_`. The counts are the
 * plain-text ones wherever that `_` falls: at the edge of the validator's first 64-byte block (from byte 1
 * of a line that starts `{"`, src/wasm/json-tokens.ts firstBlock), past a short line's end, after an
 * escape, in a line the general validator reads, in a key.
 */
import { describe, expect, it } from 'vitest';
import { defaultMatcher, expectSameTally, fastJsonl, referenceJsonl } from './support/engines.js';

const m = defaultMatcher();

/** `{"m":"` (bytes 0..5), `pad` bytes of `a` then a space, `storage_error`, `"}`: its `_` is at byte 6 + pad + 1 + 7. */
const padded = (pad: number): string => `{"m":"${'a'.repeat(pad)} storage_error"}`;

/** The count of each code, the lines scanned by the fast engine, checked against the reference reader. */
async function counts(text: string): Promise<Record<string, number>> {
  const chunks = [Buffer.from(text)];
  const fast = fastJsonl(chunks, m);
  expectSameTally(fast, await referenceJsonl(chunks, m), m);
  return Object.fromEntries([...fast.codes].map(([code, s]) => [code, s.count]));
}

describe("a JSON line's first `_`", () => {
  it('is found at the first block\'s last byte (64), at the next block\'s first (65) and before them (63)', async () => {
    expect(padded(49).indexOf('_')).toBe(63);
    expect(padded(50).indexOf('_')).toBe(64);
    expect(padded(51).indexOf('_')).toBe(65);
    for (const pad of [49, 50, 51]) expect(await counts(padded(pad) + '\n')).toEqual({ storage_error: 1 });
    // Further on (byte 200), looked for from the first block's end.
    expect(padded(186).indexOf('_')).toBe(200);
    expect(await counts(padded(186) + '\n')).toEqual({ storage_error: 1 });
    // All three in a row, and with no newline at the end.
    expect(await counts(`${padded(49)}\n${padded(50)}\n${padded(51)}`)).toEqual({ storage_error: 3 });
  });

  it('past a short line\'s end (its block reads into the next line) is no `_` of it', async () => {
    // Line 1 has none; the `_` its block meets is line 2's, counted once, for line 2.
    expect(await counts('{"m":"a"}\n{"m":"storage_error"}\n')).toEqual({ storage_error: 1 });
    // A short last line with none, then nothing.
    expect(await counts('{"m":"web_hook_deleted"}\n{"m":"a"}')).toEqual({ web_hook_deleted: 1 });
  });

  it('is not taken from a line before an empty object (no block read for it)', async () => {
    expect(await counts('{"m":"storage_error"}\n{}\n{ }\n')).toEqual({ storage_error: 1 });
  });

  it('is the same in a line read on past an escape, or with white space (the validator reads on token by token)', async () => {
    expect(await counts('{"m":"a\\"b storage_error"}\n')).toEqual({ storage_error: 1 });
    expect(await counts('{"k\\u0041":1,"m":"storage_error"}\n')).toEqual({ storage_error: 1 });
    expect(await counts('{ "m" : "storage_error" }\n')).toEqual({ storage_error: 1 });
    // An escaped `_` is no `_` in the text: `storage\u005ferror` holds no code.
    expect(await counts('{"m":"storage\\u005ferror web_hook_moved"}\n')).toEqual({ web_hook_moved: 1 });
  });

  it('is looked for in a line the general validator reads (a nested value), and in one that is not JSON', async () => {
    expect(await counts('{"a":{"b":1},"m":"storage_error"}\n')).toEqual({ storage_error: 1 });
    expect(await counts('{"a":[1,2],"m":"x","n":"web_hook_removed_by_move_conflict"}\n')).toEqual({ web_hook_removed_by_move_conflict: 1 });
    expect(await counts('{"m":"storage_error"\n')).toEqual({ storage_error: 1 });
  });

  it('in a key counts as in a value: the raw text is read', async () => {
    expect(await counts('{"storage_error":1}\n')).toEqual({ storage_error: 1 });
    expect(await counts(`{"${'k'.repeat(60)}":1,"web_hook_deleted":2}\n`)).toEqual({ web_hook_deleted: 1 });
  });
});
