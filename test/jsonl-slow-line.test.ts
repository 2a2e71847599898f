/**
 * JSON lines the kernel cannot read alone (malformed ones; a --code-field it cannot watch) are parsed with JSON.parse
 * for their fields only: their code field, else their text, is counted by the same byte word scan as every
 * other line. Expected values worked out by hand from the lines below; the oracle must agree.
 */
import { describe, expect, it } from 'vitest';
import type { Matcher } from '../src/extract/matcher.js';
import type { FieldOptions } from '../src/extract/record.js';
import { defaultMatcher, expectSameTally, fastJsonl, referenceJsonl, report } from './support/engines.js';

async function both(lines: readonly string[], m: Matcher, opts: FieldOptions) {
  const bytes = Buffer.from(lines.join('\n') + '\n');
  const fast = fastJsonl([bytes], m, 'a.jsonl', undefined, undefined, null, opts);
  expectSameTally(fast, await referenceJsonl([bytes], m, 'a.jsonl', undefined, undefined, null, opts), m);
  return { stat: fast.files.get('a.jsonl')!, r: report(fast, m) };
}

const codes = (r: ReturnType<typeof report>) => r.codes.map((c) => [c.code, c.count, c.samples.map((s) => s.line), c.accounts.top.map((a) => a.account)]);

describe('JSON lines read through JSON.parse', () => {
  it('malformed: their text is scanned, once per line, with its accounts and unknown codes', async () => {
    const { stat, r } = await both(
      [
        // 1: no closing brace: storage_error, the account in its text.
        '{"time":"2026-04-07T09:14:00Z","msg":"storage_error for ann@example.com"',
        // 2: not JSON at all: an unknown code by the key=value rule, and storage_error (twice: once per line).
        'code=odd_value storage_error storage_error',
      ],
      defaultMatcher(),
      {},
    );
    expect(stat).toMatchObject({ records: 2, malformedRecords: 2, matches: 2, unknown: 1 });
    expect(codes(r)).toEqual([['storage_error', 2, [1, 2], ['ann@example.com']]]);
    expect(r.unknownCodes.map((u) => [u.code, u.count])).toEqual([['odd_value', 1]]);
  });

  it('a --code-field the kernel cannot watch (not ASCII): its value is the only code, else the text is scanned; accounts from the account fields too', async () => {
    const { stat, r } = await both(
      [
        // 1: código holds smime_error (the msg's storage_error is not counted); the user field is an account (trimmed, lower-cased).
        '{"código":"smime_error","user":" Bo.Lee ","msg":"not storage_error"}',
        // 2: no código: the text is scanned: storage_error, and the account field.
        '{"account":"cy","msg":"storage_error"}',
        // 3: a código that is no catalog code: an unknown code, no account.
        '{"código":"weird_thing_x","user":"dee"}',
      ],
      defaultMatcher(),
      { codeField: 'código' },
    );
    expect(stat).toMatchObject({ records: 3, malformedRecords: 0, matches: 2, unknown: 1 });
    // Both ERROR, one each: by code.
    expect(codes(r)).toEqual([
      ['smime_error', 1, [1], ['bo.lee']],
      ['storage_error', 1, [2], ['cy']],
    ]);
    expect(r.unknownCodes.map((u) => [u.code, u.count])).toEqual([['weird_thing_x', 1]]);
  });
});
