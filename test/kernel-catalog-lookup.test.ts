/**
 * The kernel's catalog table (src/wasm/catalog.ts): keyed by a hash of a code's length and three eight-byte
 * reads, probed with the key compared whole — folded (OR 0x20) for a line's `_` words, whose bytes are word
 * bytes, lower-cased for a code field's value, whose bytes may be any.
 */
import { describe, expect, it } from 'vitest';
import type { CatalogEntry } from '../src/catalog/types.js';
import { defaultMatcher, fastJsonl, fastTally } from './support/engines.js';

const entry = (code: string): CatalogEntry => ({ module: 'm', code, type: 't', level: 'ERROR', description: 'd', action: 'a' });
const codesOf = (t: ReturnType<typeof fastTally>) => Object.fromEntries([...t.codes].filter(([, s]) => s.count > 0).map(([c, s]) => [c, s.count]));

describe('a `_` word looked up in the catalog', () => {
  it('matches a code in any case of any of its bytes, and no word one byte off', () => {
    const text = 'StOrAgE_eRrOr\nstorage_ERROR\nSTORAGE_error x\nstorage_errpr storage0error storage_error_ storagexerror\n';
    expect(codesOf(fastTally([Buffer.from(text)], defaultMatcher()))).toEqual({ storage_error: 3 });
  });

  it('tells apart codes alike in their length and in all the bytes the hash reads', () => {
    // 30 bytes: the hash reads bytes 0-7, 11-18 and 22-29; these differ only in bytes 9 and 20.
    const a = 'abcdefgh_1_ijklmnop_2_qrstuvwx';
    const b = 'abcdefgh_3_ijklmnop_4_qrstuvwx';
    const c = 'abcdefgh_1_ijklmnop_4_qrstuvwx';
    const m = defaultMatcher([[entry(a), entry(b), entry(c)]], false);
    const text = `${b.toUpperCase()}\n${a} ${c}\n${c}\nabcdefgh_5_ijklmnop_2_qrstuvwx\n`;
    expect(codesOf(fastTally([Buffer.from(text)], m))).toEqual({ [a]: 1, [b]: 1, [c]: 2 });
  });

  it('finds codes shorter than eight bytes, at the start of the bytes and after others', () => {
    const m = defaultMatcher([[entry('a_b'), entry('ab_c'), entry('x_yz_w')]], false);
    const text = 'a_b\nA_B ab_c Ab_C\nq a_bb x_yz_w x_yz_W0 _a_b\n';
    expect(codesOf(fastTally([Buffer.from(text)], m))).toEqual({ a_b: 2, ab_c: 1, x_yz_w: 1 });
  });
});

describe("a code field's value looked up in the catalog", () => {
  it('matches a code in any case (the value trimmed), and not one whose `_` is a DEL (the same byte OR 0x20)', () => {
    const lines = ['{"code":"STORAGE_ERROR"}', '{"code":"Storage_Error"}', '{"code":"storage\x7ferror"}', '{"code":"storage_error "}'];
    const t = fastJsonl([Buffer.from(lines.join('\n') + '\n', 'latin1')], defaultMatcher());
    expect(codesOf(t)).toEqual({ storage_error: 3 });
    expect([...t.unknown.values()].map((u) => [u.code, u.count])).toEqual([['storage\x7ferror', 1]]);
  });
});
