/**
 * A flat JSON object without a code field is read for its `_` words from its strings that hold a `_`, as
 * validateFlat's compact pairs noted them (src/wasm/json.ts UNDER_STRINGS): a key of word bytes alone only
 * when it could be a code, any other key and every value from the `_` words of its bytes. The counts are the
 * plain-text ones wherever the `_` falls: in a key or a value, before a block's edge with the string's
 * closing quote after it, in a block the masks pass over, in the 33rd string, in a pair read again.
 */
import { describe, expect, it } from 'vitest';
import { JsonlKind } from '../src/fast/kernels.js';
import { chunked, defaultMatcher, expectSameTally, fastJsonl, referenceJsonl } from './support/engines.js';
import { heldKernels } from './support/held-kernels.js';

const m = defaultMatcher();
const kernels = heldKernels();

/** The count of each code and unknown value, checked against the reference reader (in chunks of `sizes` bytes too). */
async function counts(text: string, sizes: readonly number[] = [], matcher = m): Promise<Record<string, number>> {
  const bytes = Buffer.from(text);
  const chunks = sizes.length > 0 ? chunked(bytes, sizes) : [bytes];
  const fast = fastJsonl(chunks, matcher);
  expectSameTally(fast, await referenceJsonl(chunks, matcher), matcher);
  return Object.fromEntries([...[...fast.codes].map(([code, s]) => [code, s.count]), ...[...fast.unknown].map(([code, s]) => [`?${code}`, s.count])]);
}

describe('the `_` words of a flat object', () => {
  it('in a key: a code counts; a key of word bytes that is no code, or one with other bytes, as its text has it', async () => {
    expect(await counts('{"storage_error":1,"m":"x"}\n')).toEqual({ storage_error: 1 });
    expect(await counts('{"request_id":"r1","tenant_id":"t","m":"see storage_error"}\n')).toEqual({ storage_error: 1 });
    // `.` and `=` are no word bytes: the words are `storage_error` and, after the unknown-code key `error_code=`, `my_value`.
    expect(await counts('{"x.storage_error":1}\n{"error_code=my_value":2}\n')).toEqual({ storage_error: 1, '?my_value': 1 });
    // A key of 32 bytes or more is read as its text too (`k` × 30, `.`, the code: 44 bytes).
    expect(await counts(`{"${'k'.repeat(30)}.web_hook_deleted":1}\n`)).toEqual({ web_hook_deleted: 1 });
    // A code of word bytes only, 32 bytes or longer, as a key.
    expect(await counts('{"accounts_and_groups_source_sync_error":true}\n')).toEqual({ accounts_and_groups_source_sync_error: 1 });
  });

  it('in a key met before: a key passed over (no code) is told from a code by its every byte and its length', async () => {
    // Same length and first eight bytes, or same last eight: the code still counts, on every line.
    const lines = ['{"web_hook_deletes":1}', '{"web_hook_deleted":1}', '{"xeb_hook_deleted":1}', '{"web_hook_deleted":2}', '{"smime_errox":1}', '{"smime_error":1}', '{"smime_erro":1}'];
    expect(await counts(lines.join('\n') + '\n')).toEqual({ web_hook_deleted: 2, smime_error: 1 });
    // `q_qqqqqqqqq` (11 bytes, no code) and the code `q_qqqqqqqq` (10) share their first eight bytes and their last eight.
    const q = defaultMatcher([[{ module: 'm', code: 'q_qqqqqqqq', type: 't', level: 'ERROR', description: 'd', action: 'a' }]]);
    expect(await counts('{"q_qqqqqqqqq":1}\n{"q_qqqqqqqq":1}\n', [], q)).toEqual({ q_qqqqqqqq: 1 });
  });

  it('a code in a key and again in a value counts once; two codes, each once', async () => {
    expect(await counts('{"storage_error":"storage_error"}\n')).toEqual({ storage_error: 1 });
    expect(await counts('{"web_hook_deleted":"x","m":"STORAGE_ERROR"}\n')).toEqual({ web_hook_deleted: 1, storage_error: 1 });
  });

  it('an empty code field leaves the line to its text; a non-empty one counts alone', async () => {
    expect(await counts('{"error_code":"","m":"storage_error"}\n')).toEqual({ storage_error: 1 });
    expect(await counts('{"error_code":"smime_error","m":"storage_error"}\n')).toEqual({ smime_error: 1 });
    // With no `_` in the line but in keys passed over: the code field's value is an unknown code.
    expect(await counts('{"request_id":"r","m":"x"}\n{"request_id":"r","code":"quota","m":"x"}\n')).toEqual({ '?quota': 1 });
  });

  it('whose `_` is in the block before the closing quote of its key or its value', async () => {
    // The first block is bytes 1..64 (from the first key's quote). The key: `a` × 40, ` storage_error `, `b` × 30:
    // its `_` at byte 2 + 40 + 1 + 7 = 50, its closing quote at 2 + 85 = 87, in the next block.
    const key = `${'a'.repeat(40)} storage_error ${'b'.repeat(30)}`;
    expect(`{"${key}":1}`.indexOf('_')).toBe(50);
    expect(`{"${key}":1}`.indexOf('"', 2)).toBe(87);
    expect(await counts(`{"${key}":1}\n`)).toEqual({ storage_error: 1 });
    // A value from byte 6: its `_` at 6 + 40 + 8 = 54, its closing quote at 6 + 85 = 91.
    expect(`{"m":"${key}"}`.indexOf('"', 6)).toBe(91);
    expect(`{"m":"${key}"}`.indexOf('_')).toBe(54);
    expect(await counts(`{"m":"${key}"}\n`)).toEqual({ storage_error: 1 });
  });

  it('whose `_` is in a block with no special byte (passed over), or at a block\'s first or last byte', async () => {
    // A value of 215 bytes from byte 6: bytes 65..128 and 129..192 hold no quote; the `_` is at 6 + 100 + 8 = 114.
    const value = `${'a'.repeat(100)} storage_error ${'b'.repeat(100)}`;
    expect(`{"m":"${value}"}`.indexOf('_')).toBe(114);
    expect(await counts(`{"m":"${value}"}\n`)).toEqual({ storage_error: 1 });
    // `_` at byte 64 (the first block's last) and 65 (the next one's first).
    for (const pad of [50, 51]) {
      const line = `{"m":"${'a'.repeat(pad)} storage_error"}`;
      expect(line.indexOf('_')).toBe(64 + pad - 50);
      expect(await counts(line + '\n')).toEqual({ storage_error: 1 });
    }
  });

  it('in spaced pairs, and in pairs read again after compact ones stopped', async () => {
    expect(await counts('{"a_b": "x", "m": "web_hook_moved"}\n')).toEqual({ web_hook_moved: 1 });
    // Compact up to the key `error_code=my_value`, whose `: ` stops them: read again as a spaced pair.
    expect(await counts('{"m":"storage_error","error_code=my_value": 1}\n')).toEqual({ storage_error: 1, '?my_value': 1 });
  });

  it('in a line the compact pairs leave (an escape, a nested value): read as its text, keys and all', async () => {
    // An escape in a value before the code, in a key, and after the code.
    expect(await counts('{"request_id":"r","m":"a \\"x\\" storage_error"}\n')).toEqual({ storage_error: 1 });
    expect(await counts('{"k\\u005f_x":1,"web_hook_moved":2}\n')).toEqual({ web_hook_moved: 1 });
    expect(await counts('{"m":"smime_error","n":"\\t"}\n')).toEqual({ smime_error: 1 });
    // Nested: the inner key and value are words of the line's text.
    expect(await counts('{"a":{"b_c":"storage_error"},"request_id":"r"}\n')).toEqual({ storage_error: 1 });
    expect(await counts('{"request_id":"r","a":["web_hook_deleted",1]}\n')).toEqual({ web_hook_deleted: 1 });
  });

  it('with a code field first or last: only its value counts', async () => {
    expect(await counts('{"code":"smime_error","request_id":"r","m":"storage_error"}\n')).toEqual({ smime_error: 1 });
    expect(await counts('{"request_id":"r","m":"storage_error","error_code":"web_hook_moved"}\n')).toEqual({ web_hook_moved: 1 });
  });

  it('in the 33rd string with a `_` and after (more than are noted: the line is read as text)', async () => {
    const keys = Array.from({ length: 33 }, (_, i) => `"k_${i}":1`).join(',');
    expect(await counts(`{${keys},"m":"smime_error"}\n`)).toEqual({ smime_error: 1 });
    const values = Array.from({ length: 32 }, (_, i) => `"k${i}":"v_${i}"`).join(',');
    expect(await counts(`{${values},"m":"smime_error"}\n`)).toEqual({ smime_error: 1 });
  });

  it('in lines cut into chunks anywhere', async () => {
    const text = '{"request_id":"r","m":"storage_error"}\n{"m":"x","web_hook_deleted":2}\n{"k":"error_code=my_value"}\n';
    for (const at of [1, 13, 20, 39, 40, 41, 60]) expect(await counts(text, [at])).toEqual({ storage_error: 1, web_hook_deleted: 1, '?my_value': 1 });
  });
});

describe('the words the kernel writes for a flat object', () => {
  /** Per line the kernel reports: its kind, its codes' positions and its unknown values. */
  function scan(text: string): { kind: JsonlKind; codes: number[]; unknown: string[] }[] {
    const bytes = Buffer.from(text);
    const k = kernels.holding(bytes, ['storage_error']);
    k.accountsReset();
    k.countsReset();
    k.watchFields(undefined, undefined);
    const got: { kind: JsonlKind; codes: number[]; unknown: string[] }[] = [];
    k.scanJsonl(0, bytes.length, 1 << 20, 1, (_ls, _le, _i, kind, _t, words, at, nCodes, nUnknown) => {
      const codes = Array.from({ length: nCodes }, (_, c) => words[at + 2 * c + 1]! - k.offset);
      const unknown = Array.from({ length: nUnknown }, (_, u) => bytes.toString('latin1', words[at + 2 * (nCodes + u)]! - k.offset, words[at + 2 * (nCodes + u) + 1]! - k.offset));
      got.push({ kind, codes, unknown });
    });
    return got;
  }

  it('a pair read again (compact, then spaced) gives its words once', () => {
    // `storage_error` at byte 6; the key from 22, `my_value` at 22 + 11 = 33.
    expect(scan('{"m":"storage_error","error_code=my_value": 1}\n')).toEqual([{ kind: JsonlKind.Text, codes: [6], unknown: ['my_value'] }]);
  });

  it('a code once, at its first place, with unknown values after it', () => {
    // Key `error_code=a_b` (`a_b` at 13), then `storage_error` in a key at 21 and in a value at 37.
    expect(scan('{"error_code=a_b":1,"storage_error":"storage_error"}\n')).toEqual([{ kind: JsonlKind.Text, codes: [21], unknown: ['a_b'] }]);
  });
});
