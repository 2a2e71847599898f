/**
 * The kernel reads a line's `_` words 32 bytes at a time (src/wasm/words.ts gather), the first block from 16
 * bytes before the line's first `_`: a word's ends come from the bits of its block, or from a search when it
 * starts in a block before (one passed over for holding no `_`, too) or runs on past it. Words and `_`s on
 * either side of a block's edge, and past the line's end, are found as they are.
 */
import { describe, expect, it } from 'vitest';
import { defaultMatcher, fastTally } from './support/engines.js';

const counts = (text: string) => {
  const t = fastTally([Buffer.from(text, 'latin1')], defaultMatcher());
  return {
    codes: Object.fromEntries([...t.codes].map(([code, s]) => [code, s.count])),
    unknown: Object.fromEntries([...t.unknown].map(([code, s]) => [code, s.count])),
  };
};

describe('`_` words around the edges of 32-byte blocks', () => {
  it('finds the next code whose `_` is anywhere from 29 to 34 bytes after the one before', () => {
    // `a_` then k letters, a blank and smime_error: its `_` is k + 6 bytes after the byte after the first `_`.
    for (let k = 23; k <= 28; k++) {
      expect(counts(`a_${'b'.repeat(k)} smime_error\n`), String(k)).toEqual({ codes: { smime_error: 1 }, unknown: {} });
      // The code's word starts right after the one before ends, or a long way before its `_`.
      expect(counts(`a_${'b'.repeat(k)}-${'x'.repeat(k)}_y storage_error\n`), `x${k}`).toEqual({ codes: { storage_error: 1 }, unknown: {} });
    }
  });

  it('reads the words of a block up to their last byte, and past it', () => {
    // `a_b c_` then k letters: the second word ends 4 + k bytes after the byte after the first `_`.
    for (let k = 24; k <= 32; k++) {
      expect(counts(`a_b c_${'d'.repeat(k)} storage_error e_f smime_error\n`), String(k)).toEqual({ codes: { storage_error: 1, smime_error: 1 }, unknown: {} });
    }
    expect(counts('a_b c_d e_f g_h storage_error i_j smime_error k_l web_hook_moved\n')).toEqual({ codes: { storage_error: 1, smime_error: 1, web_hook_moved: 1 }, unknown: {} });
  });

  it('reads a word that runs on past its block, and one that starts far before its `_`', () => {
    expect(counts(`storage_error_${'c'.repeat(40)} smime_error\n`)).toEqual({ codes: { smime_error: 1 }, unknown: {} });
    expect(counts(`${'c'.repeat(40)}_storage_error smime_error x_\n`)).toEqual({ codes: { smime_error: 1 }, unknown: {} });
    expect(counts(`x ${'d'.repeat(70)}_e storage_error\n`)).toEqual({ codes: { storage_error: 1 }, unknown: {} });
  });

  it('finds words that start in a block before their `_`, after blocks passed over, at every offset', () => {
    // A 22-byte word whose `_` is 21 bytes in, then a code, then an unknown value, k bytes of `-` before them.
    for (let k = 0; k <= 100; k++) {
      const value = `quota_${'v'.repeat(1 + (k % 41))}`;
      const line = `a_b ${'-'.repeat(k)} q${'r'.repeat(20)}_s storage_error ${'-'.repeat(k % 37)} code=${value}\n`;
      expect(counts(line), String(k)).toEqual({ codes: { storage_error: 1 }, unknown: { [value]: 1 } });
    }
  });

  it('stops at the line end even when the next line has a `_` in the same 32 bytes', () => {
    expect(counts('a_b storage_error\nsmime_error x\n')).toEqual({ codes: { storage_error: 1, smime_error: 1 }, unknown: {} });
    expect(counts('storage_error\nstorage_error\n')).toEqual({ codes: { storage_error: 2 }, unknown: {} });
    expect(counts('a_\n_b\nc_d storage_error')).toEqual({ codes: { storage_error: 1 }, unknown: {} });
  });

  it('finds unknown-code values beside codes and other `_` words, once per line for each code', () => {
    const line = `x_y code=quota_exceeded_hard web_hook_moved error_code: "disk_full_now" web_hook_moved ${'z'.repeat(33)}_q\n`;
    expect(counts(line + line)).toEqual({ codes: { web_hook_moved: 2 }, unknown: { quota_exceeded_hard: 2, disk_full_now: 2 } });
    // The key in any case, right at the line's start, or ending in `code` without being one.
    expect(counts('CoDe=quota_exceeded_hard\nerrorCode: "disk_full_now"\nmycode=a_b x_code=c_d ode=e_f de=g_h\n')).toEqual({
      codes: {},
      unknown: { quota_exceeded_hard: 1, disk_full_now: 1 },
    });
    // A byte above 0x7f ends a word.
    expect(counts('\xe9smime_error\xe9 a_b\n')).toEqual({ codes: { smime_error: 1 }, unknown: {} });
  });

  it('reads a value after its key\'s `=` or `:` with blanks and a `"` between, and no other value', () => {
    // The byte before the value and the one before that: `= `, ` "`, `="`, `  `, `:\t`, each with the key before.
    const line = 'code= quota_exceeded_hard error_code = "disk_full_now" errorCode="a_b" CODE:\t c_d code  =  e_f\n';
    expect(counts(line)).toEqual({ codes: {}, unknown: { quota_exceeded_hard: 1, disk_full_now: 1, a_b: 1, c_d: 1, e_f: 1 } });
    // A byte between the mark and the value, a `"` with no mark before it, or a value at the line's start: none.
    expect(counts('code=x"g_h code= x i_j "k_l\nm_n code x"o_p\n"q_r code=\n')).toEqual({ codes: {}, unknown: {} });
  });

  it('finds a code with its first and last letters in either case, and no word that differs from it there', () => {
    // Each case of the first and the last byte, one line each: four lines, four counts.
    expect(counts('smime_error\nSmime_error\nsmime_erroR\nSMIME_ERROR\n')).toEqual({ codes: { smime_error: 4 }, unknown: {} });
    // One byte off at either end, in any case: none.
    expect(counts('amime_error Smime_errox SMIME_ERRO_ _MIME_ERROR\n')).toEqual({ codes: {}, unknown: {} });
  });

  it('tells a key by its last four bytes in any case, and a key too near the line start to have four', () => {
    // Only `CODE` and `Error_Code` are keys; `xcode` ends like one, `de` and `ode` start their lines.
    expect(counts('de=a_b\node=c_d\nCODE=e_f xcode=g_h Error_Code:"i_j"\n')).toEqual({ codes: {}, unknown: { e_f: 1, i_j: 1 } });
  });

  it('tells a key right before its mark by its last four bytes in any case, from the line start on', () => {
    // `job_type`, `queue_name` and `xcode` end in `e` but are no keys; the others are, in mixed case.
    const text = 'Code=a_b job_type=c_d ErrorCODE:e_f queue_name:g_h error_codE=i_j xcode=k_l\nCODE:m_n\n';
    expect(counts(text)).toEqual({ codes: {}, unknown: { a_b: 1, e_f: 1, i_j: 1, m_n: 1 } });
  });
});
