/**
 * A code right after an escape's tail counts (README "What counts"): JSON writes a line break or a tab in a
 * string as `\n` or `\t` (and `\u000a`), so a multi-line message or a tab-separated Lambda line holds
 * `\nstorage_error` in the record's text, where the `n` is no letter of a word. Every expected value is
 * worked out by hand from the inputs below.
 */
import { writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { accounts, order, scan } from './support/fixtures.js';
import { ENGINE_FLAGS, on } from './oracle/switch.js';
import { tempDir } from './support/main.js';

// The oracle stands in for the engine where a case asks for it (test/oracle/switch.ts; src/scan.ts is mocked
// by the setup file of the project these tests run in, test/support/oracle-mock.ts).

const { remove, write } = tempDir('mxscan-escaped-');
afterAll(remove);

describe('a code after an escape', () => {
  it.each(ENGINE_FLAGS)('in JSON lines, a JSON array, YAML and plain text %j', async (flags) => {
    const files = [
      // Docker's json-file: a trace's second line starts with the code (line 1: storage_error).
      write('docker.log', '{"log":"upload failed\\nstorage_error for ann@contoso.com\\n","stream":"stderr","time":"2026-04-07T09:14:02Z"}\n'),
      // A Lambda line in a CloudWatch export: tab-separated (smime_error), and a `\u000a` before web_hook_moved.
      write('lambda.json', '[{"timestamp":1775553242113,"message":"2026-04-07T09:14:02.113Z\\tc0ffee\\tERROR\\tsmime_error signer expired"},\n{"timestamp":1775553243000,"message":"done\\u000aweb_hook_moved"}]\n'),
      // gcloud's YAML: a `|` block whose second line starts with the code (execution_failed).
      write('entries.yaml', "---\ninsertId: a1\nseverity: ERROR\ntextPayload: |\n  rule 7 stopped\n  execution_failed at step 2\ntimestamp: '2026-04-07T09:14:02Z'\n"),
      // Plain text that prints escaped newlines (store_in_ai_error).
      write('repr.log', "2026-04-07T09:14:02Z ERROR payload='ok\\nstore_in_ai_error'\n"),
      // A word that is a code as it stands is one after a `\` too (a path's: task_finished_without_error).
      write('path.log', '2026-04-07T09:14:02Z moved to D:\\jobs\\task_finished_without_error\n'),
      // JSON held in a Docker line's `log` string: its own `\n` written `\\n` (connection_error_max_retry).
      write('double.log', '{"log":"{\\"level\\":\\"error\\",\\"msg\\":\\"upload failed\\\\nconnection_error_max_retry\\"}\\n","stream":"stderr","time":"2026-04-07T09:14:02Z"}\n'),
      // An escape, then a word that is no code (`\nnsmime_error`): nothing.
      write('none.jsonl', '{"msg":"a\\nnsmime_error","time":"2026-04-07T09:14:03Z"}\n'),
    ];
    const { report } = await scan([...files, ...on(flags).args], { engine: on(flags).engine });
    expect(order(report)).toEqual([
      ['connection_error_max_retry', 1],
      ['execution_failed', 1],
      ['smime_error', 1],
      ['storage_error', 1],
      ['store_in_ai_error', 1],
      ['task_finished_without_error', 1],
      ['web_hook_moved', 1],
    ]);
    expect(report.codes.find((c) => c.code === 'storage_error')!.accounts.top.map((a) => a.account)).toEqual(['ann@contoso.com']);
  });

  it.each(ENGINE_FLAGS)('after a URL\'s encoded character, in an access log and a CSV export %j', async (flags) => {
    const files = [
      write(
        'access.log',
        [
          // A webhook's query string: `%20` before the code (storage_error), `%3D` after its key (smime_error).
          // Its account: what follows the last encoded character no address holds (ann@example.com; bob@example.com
          // after `%3D`; `%2B` is a `+`, which one may hold: carl%2bx@example.com).
          '10.0.0.7 - - [07/Apr/2026:09:14:02 +0000] "GET /hook?text=upload%20storage_error%20for%20ann@example.com HTTP/1.1" 200 12',
          '10.0.0.7 - - [07/Apr/2026:09:14:03 +0000] "GET /hook?q=code%3Dsmime_error&to%3Dbob@example.com&cc=carl%2Bx@example.com HTTP/1.1" 200 12',
          // Encoded twice (`%2520`), and a `%` before no hex digits: no code.
          '10.0.0.7 - - [07/Apr/2026:09:14:04 +0000] "GET /hook?q=x%2520web_hook_moved&r=%zzexecution_failed HTTP/1.1" 200 12',
          // Lower-case hex and a line break encoded (store_in_ai_error).
          '10.0.0.7 - - [07/Apr/2026:09:14:05 +0000] "POST /hook?m=ok%0astore_in_ai_error HTTP/1.1" 204 0',
          '',
        ].join('\n'),
      ),
      // A CSV export of the same access log (a Kibana table): the request in a quoted cell (storage_error).
      write('requests.csv', '"@timestamp",request\n"Apr 7, 2026 @ 09:14:06.000","GET /hook?text=%2Fstorage_error%2F"\n'),
    ];
    const { report } = await scan([...files, ...on(flags).args], { engine: on(flags).engine });
    expect(order(report)).toEqual([
      ['storage_error', 2],
      ['smime_error', 1],
      ['store_in_ai_error', 1],
    ]);
    expect(report.codes.find((c) => c.code === 'storage_error')!.accounts.top.map((a) => a.account)).toEqual(['ann@example.com']);
    expect(report.codes.find((c) => c.code === 'smime_error')!.accounts.top.map((a) => a.account)).toEqual(['bob@example.com', 'carl%2bx@example.com']);
  });

  it('with a catalog whose codes are no `_` words (read by a pattern)', async () => {
    const catalog = write('catalog.json', JSON.stringify([{ module: 'm', code: 'E1001', type: 't', level: 'ERROR', description: 'd', action: 'a' }]));
    const f = write(
      'general.jsonl',
      '{"msg":"x\\nE1001 failed","time":"2026-04-07T09:14:02Z"}\n{"msg":"xE1001","time":"2026-04-07T09:14:03Z"}\n{"msg":"\\\\nE1001","time":"2026-04-07T09:14:04Z"}\n' +
        '{"msg":"GET /h?q=%20E1001","time":"2026-04-07T09:14:05Z"}\n{"msg":"GET /h?q=%2520E1001","time":"2026-04-07T09:14:06Z"}\n',
    );
    const { report } = await scan([f, '--catalog', catalog, '--no-builtin-catalog']);
    // Lines 1, 3 (`\\n`, an escape doubled as JSON in a JSON string writes it) and 4 (`%20`): line 2's code
    // touches a letter, line 5's the `20` of a second encoding.
    expect(order(report)).toEqual([['E1001', 3]]);
  });
});

describe('a URL\'s password before an @', () => {
  it.each(ENGINE_FLAGS)('is no account, and --redact masks it whole %j', async (flags) => {
    const f = write('pw.log', '2026-04-07T09:14:02Z ERROR STORAGE_USER_WITH_ERROR url=https://svc:Sup3rS3cret@box.example.com/api for ann@example.com\n2026-04-07T09:15:02Z ERROR STORAGE_USER_WITH_ERROR user=https://bob@box.example.com/ (a name, no password)\n');
    const { report } = await scan([f, ...on(flags).args], { engine: on(flags).engine });
    // Line 1 names ann (the password is none); line 2 a URL's user name with no password, bob@box.example.com.
    expect(report.codes[0]!.accounts.top.map((a) => a.account)).toEqual(['ann@example.com', 'bob@box.example.com']);
    const redacted = await scan([f, '--redact', ...on(flags).args], { engine: on(flags).engine });
    expect(redacted.report.codes[0]!.samples[0]!.text).toContain('url=https://svc:[redacted]@box.example.com/api for a***@example.com');
  });
});

describe('an address whose local part a letter outside ASCII starts', () => {
  it.each(ENGINE_FLAGS)('is no account, not the address of its ASCII tail %j', async (flags) => {
    // UTF-8 (jürgen: ü is C3 BC, groß: ß is C3 9F); a CJK character and « part an address from its text.
    const f = write('names.log', '');
    writeFileSync(
      f,
      '2026-04-07T09:14:02Z storage_error for jürgen3@contoso.com\n2026-04-07T09:15:02Z storage_error for «ann@contoso.com»\n2026-04-07T09:16:02Z storage_error 用户bob@contoso.com\n2026-04-07T09:17:02Z storage_error for groß@contoso.com\n',
    );
    const { report } = await scan([f, ...on(flags).args], { engine: on(flags).engine });
    // Not rgen3@contoso.com (line 1) nor @contoso.com's empty local part (line 4): no account there.
    expect(report.codes[0]!.accounts.top.map((a) => a.account).sort()).toEqual(['ann@contoso.com', 'bob@contoso.com']);
  });

  it.each(ENGINE_FLAGS)('in Windows-1252 or cut from broken UTF-8, is no account either, and --redact masks it whole %j', async (flags) => {
    // SUSPECTED BUG: m\xfcller@ (Windows-1252's ü) named ller@contoso.com, another person's address.
    const f = write('cp1252.log', '');
    const lines = [
      Buffer.from('2026-04-07T09:14:02Z storage_error for m\xfcller@contoso.com\n', 'latin1'),
      Buffer.from('2026-04-07T09:15:02Z storage_error for \xe2\x80\x9cann@contoso.com\xe2\x80\x9d\n', 'latin1'),
      Buffer.from('2026-04-07T09:16:02Z storage_error for x\xe2\x82ray@contoso.com\n', 'latin1'),
      Buffer.from('2026-04-07T09:17:02Z storage_error for \xef\xbf\xbdoe@contoso.com and \xe6\x9d\x8ebob@contoso.com\n', 'latin1'),
    ];
    writeFileSync(f, Buffer.concat(lines));
    const { report } = await scan([f, ...on(flags).args], { engine: on(flags).engine });
    // Line 2: a quotation mark parts ann's address from its text; line 3: E2 82 is a character cut short;
    // line 4: U+FFFD is a character lost before oe, 李 (E6 9D 8E) parts bob's as a blank does.
    expect(report.codes[0]!.accounts.top.map((a) => a.account).sort()).toEqual(['ann@contoso.com', 'bob@contoso.com']);
    const redacted = await scan([f, '--redact', ...on(flags).args], { engine: on(flags).engine });
    expect(redacted.report.codes[0]!.samples[0]!.text).toBe('2026-04-07T09:14:02Z storage_error for m***@contoso.com');
  });
});

describe('an address a word\'s `\'`, `&`, `#`, `!` or `*` cuts, a guest\'s name, an image', () => {
  it.each(ENGINE_FLAGS)('is no account, not the address of its tail; a guest\'s #EXT# name is one; an image\'s name none %j', async (flags) => {
    const f = write('cut.log', '');
    writeFileSync(
      f,
      [
        // Line 1: o'brien and r&d are cut (no account); 'jane@…' quoted and user=bob@… are whole.
        "2026-04-07T09:14:02Z storage_error quota exceeded for o'brien@contoso.com and 'jane@contoso.com' user=bob@contoso.com r&d@contoso.com",
        // Line 2: a password holding `#`, and one after a user name that is an address: jane's alone.
        '2026-04-07T09:15:02Z connection_error_max_retry https://svc:Sup3r#S3cret@box.contoso.com/api imaps://jane@contoso.com:Winter2026@outlook.office365.com:993/INBOX',
        // Line 3: a Microsoft 365 guest's user principal name; an inline image's name (logo@2x.png) is none.
        '2026-04-07T09:16:02Z smime_error GET /v1.0/users/bob_fabrikam.com#EXT#@contoso.onmicrosoft.com/drive 404, attachment logo@2x.png',
        '',
      ].join('\n'),
    );
    const { report } = await scan([f, ...on(flags).args], { engine: on(flags).engine });
    expect(accounts(report, 'storage_error').sort()).toEqual(['bob@contoso.com', 'jane@contoso.com']);
    expect(accounts(report, 'connection_error_max_retry').sort()).toEqual(['jane@contoso.com']);
    expect(accounts(report, 'smime_error').sort()).toEqual(['bob_fabrikam.com#ext#@contoso.onmicrosoft.com']);
    expect([report.impact.affectedAccounts, report.impact.accountsSeen]).toEqual([3, 3]);
    // --redact masks each whole: no letter after the first, no password.
    const redacted = (await scan([f, '--redact', ...on(flags).args], { engine: on(flags).engine })).report;
    const text = redacted.codes.flatMap((c) => c.samples.map((x) => x.text)).join('\n');
    expect(text).toContain("for o***@contoso.com and 'j***@contoso.com' user=b***@contoso.com r***@contoso.com");
    expect(text).toContain('https://svc:[redacted]@box.contoso.com/api imaps://j***@contoso.com:[redacted]@outlook.office365.com:993/INBOX');
    expect(text).toContain('/v1.0/users/b***@contoso.onmicrosoft.com/drive');
  });
});

describe('an escape\'s letters before an address in JSON', () => {
  it.each(ENGINE_FLAGS)('are not the address\'s; in plain text they are %j', async (flags) => {
    const jsonl = write('esc.jsonl', '');
    writeFileSync(
      jsonl,
      [
        // A multi-line message: jane, bob and carol, not njane, nbob and tcarol.
        '{"time":"2026-04-07T09:00:00Z","code":"task_finished_with_error","message":"failed mailboxes:\\njane@contoso.com\\nbob@contoso.com\\tcarol@contoso.com"}',
        // .NET's \u0027 (\'): dave; \u002B (+) is the local part's own: no account rather than archive@.
        '{"time":"2026-04-07T09:01:00Z","code":"storage_error","Message":"User \\u0027dave@contoso.com\\u0027 not found; alias erin\\u002Barchive@contoso.com"}',
        // A Go program's JSON in Docker's line: \\u003c (<) after two backslashes.
        '{"log":"{\\"msg\\":\\"Lee \\\\u003clee@contoso.com\\\\u003e failed smime_error\\"}\\n","stream":"stderr","time":"2026-04-07T09:02:00Z"}',
        '',
      ].join('\n'),
    );
    // Plain text: `CORP\nora` is a domain and a user (nora), `failed:\njane` is left as written (njane).
    const text = write('esc.log', '2026-04-07T09:03:00Z execution_failed CORP\\nora@corp.com failed:\\njane@contoso.com\n');
    const { report } = await scan([jsonl, text, ...on(flags).args], { engine: on(flags).engine });
    expect(accounts(report, 'task_finished_with_error').sort()).toEqual(['bob@contoso.com', 'carol@contoso.com', 'jane@contoso.com']);
    expect(accounts(report, 'storage_error').sort()).toEqual(['dave@contoso.com']);
    expect(accounts(report, 'smime_error').sort()).toEqual(['lee@contoso.com']);
    expect(accounts(report, 'execution_failed').sort()).toEqual(['njane@contoso.com', 'nora@corp.com']);
    // jane, bob, carol, dave, lee; nora and njane.
    expect([report.impact.affectedAccounts, report.impact.accountsSeen]).toEqual([7, 7]);
  });
});

describe('a Message-ID JSON wrote with \\u003c and \\u003e', () => {
  it.each(ENGINE_FLAGS)('is no account, as one written with < and > is not %j', async (flags) => {
    const f = write('ids.jsonl', '');
    writeFileSync(
      f,
      [
        // Line 1: a Gmail id after Message-ID (and jane); line 2: a sender in brackets, an account (bob).
        '{"time":"2026-04-07T09:00:00Z","code":"smime_error","msg":"cannot verify Message-ID: \\u003cCAKx9F2k1vZqT8wLm3pR7sN5yH0jG4bV6cX@mail.gmail.com\\u003e for jane@contoso.com"}',
        '{"time":"2026-04-07T09:01:00Z","code":"smime_error","msg":"sender \\u003cbob@contoso.com\\u003e rejected"}',
        // Line 3: a Go program's JSON in Docker's line (the escape's backslash doubled), after In-Reply-To.
        '{"log":"{\\"msg\\":\\"in-reply-to \\\\u003c20260407.5f3a@mx.contoso.com\\\\u003e smime_error\\"}\\n","stream":"stderr","time":"2026-04-07T09:02:00Z"}',
        '',
      ].join('\n'),
    );
    const { report } = await scan([f, ...on(flags).args], { engine: on(flags).engine });
    expect(report.codes[0]!.accounts.top.map((a) => a.account).sort()).toEqual(['bob@contoso.com', 'jane@contoso.com']);
    expect([report.impact.affectedAccounts, report.impact.accountsSeen]).toEqual([2, 2]);
  });
});

describe('an address after a quote and after an escape inside a word', () => {
  it.each(ENGINE_FLAGS)('a quote the address closes is none of its; an escaped \' or letter after a letter cuts it %j', async (flags) => {
    const text = write('quotes.log', "2026-04-07T09:14:02Z ERROR storage_error recipients=[u'jane@contoso.com', u'bob@contoso.com'] RCPT b'carl@contoso.com' WHERE Email = N'erin@contoso.com' o'brien@contoso.com\n");
    const json = write('inword.jsonl', '');
    // .NET's and Python's escapes of ' and ü after a letter: no one, not brien or rgen; dave between escaped quotes.
    writeFileSync(json, '{"time":"2026-04-07T09:15:02Z","msg":"smime_error for o\\u0027brien@contoso.com j\\u00fcrgen@contoso.com r\\u0026d@contoso.com and \\u0027dave@contoso.com\\u0027"}\n');
    const { report } = await scan([text, json, ...on(flags).args], { engine: on(flags).engine });
    expect(accounts(report, 'storage_error').sort()).toEqual(['bob@contoso.com', 'carl@contoso.com', 'erin@contoso.com', 'jane@contoso.com']);
    expect(accounts(report, 'smime_error').sort()).toEqual(['dave@contoso.com']);
  });

  it.each(ENGINE_FLAGS)('--redact masks a guest\'s name however its #EXT# is written %j', async (flags) => {
    const f = write('guest.log', '2026-04-07T09:14:02Z ERROR storage_error for bob_fabrikam.com#ext#@contoso.onmicrosoft.com\n');
    const { report } = await scan([f, '--redact', ...on(flags).args], { engine: on(flags).engine });
    expect(report.codes[0]!.accounts.top.map((a) => a.account)).toEqual(['b***@contoso.onmicrosoft.com']);
    expect(report.codes[0]!.samples[0]!.text).toBe('2026-04-07T09:14:02Z ERROR storage_error for b***@contoso.onmicrosoft.com');
  });
});

