/**
 * A Message-ID is not an account (README "What counts" → Accounts). Each line below says by hand which
 * addresses are accounts; the same lines are scanned by the engine and by the oracle (test/oracle).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findAccounts } from '../src/extract/accounts.js';
import type { Report } from '../src/summary/report.js';
import type { Tally } from '../src/summary/tally.js';
import { chunked, defaultMatcher, fastJsonl, fastTally, referenceJsonl, referenceTally } from './support/engines.js';
import { ROOT, runMain } from './support/main.js';
import { ENGINES } from './oracle/switch.js';

// The oracle stands in for the engine where a case asks for it (test/oracle/switch.ts; src/scan.ts is mocked
// by the setup file of the project these tests run in, test/support/oracle-mock.ts).

const CASES: [line: string, accounts: string[]][] = [
  // The bundled incident's line 135: `message <…>` is a message's id, the recipient is an account.
  ['cannot decrypt message <9d0e11@mail.fabrikam.com> for ann.lee@contoso-legal.com', ['ann.lee@contoso-legal.com']],
  ['Message-ID: <a.b@c.example.com>', []],
  ['In-Reply-To:<r@c.example.com> from bo@x.example.com', ['bo@x.example.com']],
  // References lists several ids: each one after the key, past the ids before it.
  ['References: <x1@a.example.com> <x2@b.example.com>, <x3@c.example.com>', []],
  ['{"msgid":"<q@example.com>","user":"u@example.com"}', ['u@example.com']],
  ['message_id=<k@example.com> MESSAGE <m@example.com>', []],
  // Brackets alone do not make an id: a display name's address is an account.
  ['owner <kim.park@northwind-traders.com>', ['kim.park@northwind-traders.com']],
  ['notified "Ops Team" <Ops.Team+alerts@Northwind-Traders.com>', ['ops.team+alerts@northwind-traders.com']],
  // Without brackets a key does not make an id either.
  ['msgid=9d0e11@mail.fabrikam.com', ['9d0e11@mail.fabrikam.com']],
  // 12 hex digits in a row: an id; 11: an account.
  ['to <0123456789ab@mx.example.com> <0123456789a@mx.example.com>', ['0123456789a@mx.example.com']],
  // 20 base64 characters with upper, lower and a digit: an id; 19: an account; 20 without a digit: an account.
  ['<k1Mz9QwErT5yUi0oPa7S@x.example.com> <k1Mz9QwErT5yUi0oPa7@x.example.com> <kLMzRQwErTSyUiXoPaYS@x.example.com>', ['k1mz9qwert5yui0opa7@x.example.com', 'klmzrqwertsyuixopays@x.example.com']],
  // A Gmail id: `CA`, 20 or more characters (here 21; 19 is an account), no dot; with `=` in it (base64) the whole of it counts.
  ['<CAPQRSTUVWXYZKLMNOPQR@mail.gmail.com> <CAPQRSTUVWXYZKLMNOP@mail.gmail.com>', ['capqrstuvwxyzklmnop@mail.gmail.com']],
  ['<CAKq3V9m+dN1x=Fh4Z8kWpLr@mail.gmail.com>', []],
  ['<CAROLINE.MARTINEZ.SMITHS@x.example.com>', ['caroline.martinez.smiths@x.example.com']],
];

describe('a Message-ID is not an account', () => {
  it.each(CASES)('%s', (line, accounts) => {
    expect([...findAccounts(line)].sort()).toEqual([...accounts].sort());
  });

  it('the engine and the oracle leave out the same ids', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mxscan-msgid-'));
    try {
      const file = path.join(dir, 'a.log');
      writeFileSync(file, CASES.map(([l], i) => `2026-03-18T08:00:${String(i).padStart(2, '0')}Z ERROR smime_error ${l}\n`).join(''));
      const expected = [...new Set(CASES.flatMap(([, a]) => a))].length;
      for (const engine of ENGINES) {
        const r = await runMain(['scan', file, '--format', 'json', '--quiet'], { engine });
        const report = JSON.parse(r.out) as Report;
        expect(report.codes[0]!.accounts.distinct).toBe(expected);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the bundled incident lists no message id among smime_error accounts', async () => {
    const r = await runMain(['scan', path.join(ROOT, 'fixtures/incident'), '--format', 'json', '--quiet']);
    const row = (JSON.parse(r.out) as Report).codes.find((c) => c.code === 'smime_error')!;
    // mail2cloud.log lines 27 dana.kim (and <CAF8x1@…> after `message`), 95 fatima.rahman, 135 ann.lee (and
    // <9d0e11@…> after `message`), 195 eli.moss, 216 fatima.rahman, 287 george.hill.
    expect(row.accounts.distinct).toBe(5);
    expect(row.accounts.top.map((a) => a.account)).toEqual([
      'fatima.rahman@contoso-legal.com',
      'ann.lee@contoso-legal.com',
      'dana.kim@contoso-legal.com',
      'eli.moss@contoso-legal.com',
      'george.hill@contoso-legal.com',
    ]);
  });
});

// Pieces of Message-IDs and of their near misses, joined at random after a code.
const piece = fc.constantFrom(
  '<', '>', ' ', ', ', ':', '=', '"', "'", '[', 'Message-ID', 'MESSAGE-id: ', 'In-Reply-To', 'references', 'msgid', 'message_id', 'message', 'messages',
  'a@b.cd', 'Kim@X.example.com', '0123456789ab@mx.io', '0123456789a@mx.io', 'k1Mz9QwErT5yUi0oPa7S@x.io', 'CAK3V9m+dN1=Fh4Z8kWpLrQ@mail.gmail.com',
  'CAPQRSTUVWXYZKLMNOPQR@x.io', 'CAPQRSTUVWXYZKLMN.PQR@x.io', 'x/y=z@q.io', 'é', '\\u003c',
);
const address = fc.constantFrom('a@b.cd', 'Kim@X.example.com', '0123456789ab@mx.io', '0123456789a@mx.io', 'k1Mz9QwErT5yUi0oPa7S@x.io', 'CAPQRSTUVWXYZKLMNOPQR@x.io', 'x/y=z@q.io');
const sep = fc.array(fc.constantFrom(' ', '\t', ':', '=', '"', "'", ',', '[', '>', '<'), { maxLength: 3 }).map((a) => a.join(''));
const key = fc.constantFrom('Message-ID', 'In-Reply-To', 'REFERENCES', 'msgid', 'message_id', 'message', 'messages', 'to', '');
// `key seps <address>`, the shape the rule is about.
const bracketed = fc.tuple(key, sep, address, fc.constantFrom('>', '> ', '', '>>')).map(([k, s, a, c]) => `${k}${s}<${a}${c}`);
const idLine = fc.array(fc.oneof(piece, bracketed), { maxLength: 12 }).map((p) => 'smime_error ' + p.join(''));
const accountsOf = (t: Tally): [string, number][] => [...(t.codes.get('smime_error')?.accounts.counts ?? [])].sort((a, b) => (a[0] < b[0] ? -1 : 1));

describe('the kernel follows the Message-ID rule', () => {
  const m = defaultMatcher();
  it('gives the accounts the reference path gives, in text and in JSON lines', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(idLine, { minLength: 1, maxLength: 12 }), fc.integer({ min: 1, max: 300 }), async (lines, size) => {
        const text = Buffer.from(lines.join('\n') + '\n', 'utf8');
        expect(accountsOf(fastTally(chunked(text, [size]), m))).toEqual(accountsOf(await referenceTally([text], m)));
        const jsonl = Buffer.from(lines.map((l) => JSON.stringify({ msg: l })).join('\n') + '\n', 'utf8');
        expect(accountsOf(fastJsonl(chunked(jsonl, [size]), m))).toEqual(accountsOf(await referenceJsonl([jsonl], m)));
      }),
      { numRuns: 400, seed: 12 },
    );
  });
});
