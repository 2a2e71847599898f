/**
 * The kernel first gathers a line's `_` words that could be a code or an unknown value, up to 64 at a time,
 * then tests them (src/wasm/words.ts gather, lineWords): a line with more goes on where the last batch
 * stopped, and the output is judged full as if before every `_` word, gathered or not.
 */
import { describe, expect, it } from 'vitest';
import { TEXT_OUT_WORDS } from '../src/fast/kernel-layout.js';
import { heldKernels } from './support/held-kernels.js';
import { defaultMatcher, fastTally } from './support/engines.js';

const counts = (text: string) => {
  const t = fastTally([Buffer.from(text, 'latin1')], defaultMatcher());
  return {
    codes: Object.fromEntries([...t.codes].map(([code, s]) => [code, s.count])),
    unknown: Object.fromEntries([...t.unknown].map(([code, s]) => [code, s.count])),
  };
};

const kernels = heldKernels();

describe('a line with more candidate words than one batch holds', () => {
  // `x = a_b` is gathered (a blank, then a mark before it) but is no value: `x` ends no code key.
  // `smime_errxr` is gathered too (a code's length and last byte) but is no code.
  it('finds codes and values before, at and after the 64th', () => {
    for (let k = 60; k <= 68; k++) {
      const line = `${'x = a_b '.repeat(k)}smime_error ${'smime_errxr '.repeat(k)}code=quota_exceeded_hard ${'x = a_b '.repeat(70)}storage_error\n`;
      expect(counts(line + line), String(k)).toEqual({ codes: { smime_error: 2, storage_error: 2 }, unknown: { quota_exceeded_hard: 2 } });
    }
  });

  it('counts a code once per line however many batches it is in', () => {
    const line = `${'storage_error x = a_b '.repeat(100)}\n`;
    expect(counts(line)).toEqual({ codes: { storage_error: 1 }, unknown: {} });
  });
});

describe('the output full in the middle of a line', () => {
  // Every `code=ab_cd ` (11 bytes) is an unknown value: two output words. The output counts as full when,
  // before a `_` word, 2 * values + 4 > 262,144, i.e. from 131,071 values on, if a `_` word follows.
  const values = (n: number) => 'code=ab_cd '.repeat(n);

  it('holds 131,071 values with no `_` word after them, and 131,070 with one', () => {
    expect(2 * 131_071 + 4).toBeGreaterThan(TEXT_OUT_WORDS);
    expect(2 * 131_070 + 4).toBeLessThanOrEqual(TEXT_OUT_WORDS);
    for (const [text, n] of [
      [values(131_071), 131_071],
      [values(131_071) + 'no words', 131_071],
      [values(131_070) + 'a_b', 131_070],
    ] as const) {
      const k = kernels.holding(Buffer.from(text, 'latin1'), ['storage_error']);
      expect(k.pieceWords(0, text.length)?.n, text.slice(-12)).toBe(n);
    }
  });

  it('holds them when a full batch ends the line, whatever the call before left', () => {
    // `x = a_b` and 131,071 values: 131,072 candidates, 2,048 batches of 64, the last one ending the line.
    const k = kernels.holding(Buffer.from(values(131_071) + 'a_b', 'latin1'), ['storage_error']);
    expect(k.pieceWords(0, 11 * 131_071 + 3)).toBeUndefined();
    const text = 'x = a_b ' + values(131_070) + 'code=ab_cd';
    k.room(text.length).set(Buffer.from(text, 'latin1'));
    expect(k.pieceWords(0, text.length)?.n).toBe(131_071);
  });

  it('is full before a last `_` word that is no value, as before one that is', () => {
    for (const tail of ['a_b', 'code=ab_cd']) {
      const text = values(131_071) + tail;
      const k = kernels.holding(Buffer.from(text, 'latin1'), ['storage_error']);
      expect(k.pieceWords(0, text.length), tail).toBeUndefined();
    }
  });
});
