/**
 * Postmortem capability in CI: redaction of addresses, IPs, tokens and secrets in every output. Every expected
 * value was counted by hand from the fixture text (line numbers cited) and the capability's rules, never copied
 * from mxscan's output.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { redactText } from '../src/extract/redact.js';
import type { Report } from '../src/summary/report.js';
import { dirMaker, row, run, scanJson, tempDir } from './support/postmortem-cli.js';
import { PM, DATA } from './support/postmortem-paths.js';

const temp = tempDir('mxscan-pm-ci-');
afterAll(() => temp.remove());

/** A fresh sub-directory of the temp dir. */
const freshDir = dirMaker(temp.dir);

// ---------------------------------------------------------------------------------------------------
// 7. Redaction
//
// redact/secrets.log (6 lines) and redact/mailbox-eve.stone@legal.northwind-traders.co.uk.jsonl (2 lines):
// addresses, IPv4, IPv6, a bearer JWT, password/token/api_key/client_secret values, a 32-hex session id,
// a 54-character base64 signature, an unknown code with a hex run, an address in a file name.
// ---------------------------------------------------------------------------------------------------
const REDACT = `${PM}/redact`;
const SECRETS = `${REDACT}/secrets.log`;
const MAILBOX = `${REDACT}/mailbox-eve.stone@legal.northwind-traders.co.uk.jsonl`;

/** Raw values that must not survive redaction anywhere (addresses are checked by their local part). */
const RAW = [
  'kim.park',
  'li.wei',
  'dana.kim',
  'ops.team',
  'eve.stone',
  '203.0.113.45',
  '198.51.100.7',
  '192.0.2.10',
  '192.0.2.77',
  '2001:db8:85a3::8a2e:370:7334',
  'eyJhbGciOiJSUzI1NiJ9',
  'c2lnbmF0dXJlLWJ5dGVz',
  'Hunter2!Secret',
  'ghp_16C7e42F292c6912E7710c838347Ae178B4a',
  'AKIAIOSFODNN7EXAMPLE',
  's3cr3t-v4lue',
  '5f2b9c8e1a7d4e6f8091a2b3c4d5e6f7',
  'QmFzZTY0RW5jb2RlZFNpZ25hdHVyZTEyMzQ1Njc4OTBhYmNkZWZnaA',
  '9f8e7d6c5b4a39281706f5e4d3c2b1a0',
  'sk_live_4eC39HqLyjWDarjtT1zdp7dc',
];

function leaks(text: string, raw: readonly string[] = RAW): string[] {
  const lower = text.toLowerCase();
  return raw.filter((r) => lower.includes(r.toLowerCase()));
}

/** Every output of one run: stdout, report.md, report.json, JUnit, job summary. */
async function allOutputs(args: string[], env: Record<string, string> = {}): Promise<Record<string, string>> {
  const dir = freshDir();
  const summary = path.join(dir, 'summary.md');
  // --fail-on info: every code fails, so the JUnit XML holds the evidence of each
  const r = await run(['scan', ...args, '--github', '--junit', path.join(dir, 'junit.xml'), '--out', path.join(dir, 'out'), '--quiet', '--fail-on', 'info'], {
    env: { ...env, GITHUB_STEP_SUMMARY: summary },
  });
  const json = await run(['scan', ...args, '--format', 'json', '--quiet'], { env });
  const md = await run(['scan', ...args, '--quiet'], { env });
  return {
    annotations: r.err,
    'report.md': readFileSync(path.join(dir, 'out', 'report.md'), 'utf8'),
    'report.json': readFileSync(path.join(dir, 'out', 'report.json'), 'utf8'),
    'junit.xml': readFileSync(path.join(dir, 'junit.xml'), 'utf8'),
    'job summary': readFileSync(summary, 'utf8'),
    'stdout json': json.out,
    'stdout markdown': md.out,
  };
}

describe('redaction: no address, IP, token or secret in any output', () => {
  it('masks every sample as the rules say, and keeps what is not personal or secret', async () => {
    const { report } = await scanJson([REDACT, '--redact']);
    const sample = (code: string, file: string, line: number): string | undefined =>
      row(report, code).samples.find((s) => s.file.endsWith(file) && s.line === line)?.text;
    expect(sample('storage_error', 'secrets.log', 1)).toBe(
      '2026-03-18T15:00:00.000Z ERROR [storage-box] req=9f3c1d2e storage_error for k***@northwind-traders.com from [ipv4] via [ipv6]',
    );
    expect(sample('storage_credential_no_access', 'secrets.log', 2)).toBe(
      '2026-03-18T15:00:07.250Z ERROR [storage-box] storage_credential_no_access for L***@Northwind-Traders.com: refresh rejected, retried with Bearer [redacted]',
    );
    expect(sample('smime_error', 'secrets.log', 3)).toBe(
      '2026-03-18T15:01:12.000Z ERROR [smime-gw] smime_error: key store password=[redacted] token=[redacted] api_key="[redacted]" client_secret: [redacted]',
    );
    expect(sample('STORAGE_USER_WITH_ERROR', 'secrets.log', 4)).toBe(
      '2026-03-18T15:02:30.000Z WARN  [emailsync] STORAGE_USER_WITH_ERROR d***@northwind-traders.com disabled; session [redacted-hex] from [ipv4] (engine 4.18.3, trace 0123456789abcdef0123456789abcde)',
    );
    expect(sample('store_in_ai_error', 'secrets.log', 5)).toBe(
      '2026-03-18T15:03:45.000Z ERROR [ai-store] store_in_ai_error payload sig=[redacted-base64] rule=ArchiveInboundMessagesToBoxLegalHoldFolderForNorthwind for o***@northwind-traders.com',
    );
    expect(sample('storage_error', '.jsonl', 1)).toBe(
      '{"timestamp":"2026-03-18T15:05:00Z","level":"ERROR","code":"storage_error","account":"E***@Legal.Northwind-Traders.co.uk","client_ip":"[ipv4]","message":"upload failed"}',
    );
    expect(sample('smime_error', '.jsonl', 2)).toBe(
      '{"timestamp":"2026-03-18T15:05:30Z","level":"ERROR","code":"smime_error","user":"e***@legal.northwind-traders.co.uk","api_key":"[redacted]"}',
    );
    // line 6: an unknown code holding a 32-hex run, and an IP
    expect(report.unknownCodes.map((u) => [u.code, u.samples.map((s) => s.text)])).toEqual([
      ['expired_[redacted-hex]', ['2026-03-18T15:04:20.000Z WARN  [storage-box] Box replied error_code=expired_[redacted-hex] for [ipv4]']],
    ]);
    // accounts, file paths, inputs and the first error's file
    expect(row(report, 'storage_error').accounts.top).toEqual([
      { account: 'e***@legal.northwind-traders.co.uk', count: 1 }, // jsonl 1
      { account: 'k***@northwind-traders.com', count: 1 }, // secrets 1
    ]);
    const redactedPath = `${REDACT}/m***@legal.northwind-traders.co.uk.jsonl`;
    expect(report.files.map((f) => f.path)).toEqual([redactedPath, SECRETS]);
    expect(report.provenance!.inputs.map((i) => i.path)).toEqual([redactedPath, SECRETS]);
    // storage_error at 15:00:00 on secrets.log line 1 is the first ERROR
    expect(report.firstError).toEqual({ code: 'storage_error', time: '2026-03-18T15:00:00.000Z', file: SECRETS, line: 1 });
    expect(report.provenance!.redacted).toBe(true);
  });

  it('leaves nothing raw in the markdown, the JSON, the JUnit XML, the annotations or the job summary', async () => {
    const outputs = await allOutputs([REDACT, '--redact']);
    for (const [name, text] of Object.entries(outputs)) {
      expect(text.length, name).toBeGreaterThan(0);
      expect(leaks(text), name).toEqual([]);
    }
    // the file name with an address is masked wherever it is shown (its records, at 15:05, are the last
    // evidence of storage_error and smime_error; the annotations point at their first, in secrets.log)
    for (const name of ['report.md', 'report.json']) expect(outputs[name], name).toContain('m***@legal.northwind-traders.co.uk.jsonl');
  });

  it('is on by default when CI=true, and --no-redact turns it off', async () => {
    const ci = await allOutputs([REDACT], { CI: 'true' });
    for (const [name, text] of Object.entries(ci)) expect(leaks(text), name).toEqual([]);
    expect((await scanJson([REDACT], { env: { CI: 'true' } })).report.provenance!.redacted).toBe(true);

    const off = await scanJson([REDACT, '--no-redact'], { env: { CI: 'true' } });
    expect(off.report.provenance!.redacted).toBe(false);
    expect(leaks(off.out)).toEqual(RAW); // all of them, as written in the logs
    const plain = await scanJson([REDACT]);
    expect(plain.report.provenance!.redacted).toBe(false);
    expect(plain.report.files.map((f) => f.path)).toEqual([MAILBOX, SECRETS]);
    expect(row(plain.report, 'storage_error').accounts.top.map((a) => a.account)).toEqual([
      'eve.stone@legal.northwind-traders.co.uk',
      'kim.park@northwind-traders.com',
    ]);
  });

  it('keeps the ids a file is named by (the 64 hex digits of a container log), and masks an address in its name', async () => {
    // SUSPECTED BUG: annotations and evidence named m2c-[redacted-hex]-json.log, a file that does not exist.
    const id = 'f3b9c1d2'.repeat(8);
    const d = freshDir();
    writeFileSync(path.join(d, `m2c-${id}-json.log`), '2026-03-18T08:00:00Z storage_error session=' + 'ab'.repeat(16) + '\n');
    writeFileSync(path.join(d, 'mailbox-ann@example.com.log'), '2026-03-18T08:00:00Z smime_error\n');
    const { report } = await scanJson([d, '--redact']);
    expect(report.files.map((f) => path.basename(f.path))).toEqual([`m2c-${id}-json.log`, 'm***@example.com.log']);
    const sample = row(report, 'storage_error').samples[0]!;
    expect(path.basename(sample.file)).toBe(`m2c-${id}-json.log`);
    // In the log's text the same kind of run is masked.
    expect(sample.text).toBe('2026-03-18T08:00:00Z storage_error session=[redacted-hex]');
  });

  it('is on by default in any CI: CI=1 or True, Azure\'s TF_BUILD, Jenkins\' JENKINS_URL; off for CI=false or 0', async () => {
    for (const env of [{ CI: '1' }, { CI: 'True' }, { TF_BUILD: 'True' }, { JENKINS_URL: 'https://ci.example.com/' }, { GITLAB_CI: 'true' }] as Record<string, string>[]) {
      expect((await scanJson([REDACT], { env })).report.provenance!.redacted, JSON.stringify(env)).toBe(true);
    }
    for (const env of [{ CI: 'false' }, { CI: '0' }, { CI: '' }] as Record<string, string>[]) {
      expect((await scanJson([REDACT], { env })).report.provenance!.redacted, JSON.stringify(env)).toBe(false);
    }
  });

  // Fails at the time of writing: redaction runs on the evidence after it was cut, so the key is gone and its
  // value is left as written, in every output.
  it('masks a secret even where the evidence of a long record cuts through its key', async () => {
    // redact-cut/onedrive-refresh.log line 2 is 514 characters: longer than a whole sample (400), so the
    // evidence is 160 characters either side of storage_credential_no_access, which starts 163 characters
    // after "client_secret=": the evidence opens with "…ent_secret=Zx9Qw8Er7Ty6Ui5Op4As".
    const file = `${PM}/redact-cut/onedrive-refresh.log`;
    const raw = await scanJson([file]);
    expect(row(raw.report, 'storage_credential_no_access').samples[0]!.text.startsWith('…ent_secret=Zx9Qw8Er7Ty6Ui5Op4As&scope=')).toBe(true);
    const outputs = await allOutputs([file, '--redact']);
    const leaking = Object.entries(outputs)
      .filter(([, text]) => leaks(text, ['Zx9Qw8Er7Ty6Ui5Op4As']).length > 0)
      .map(([name]) => name);
    expect(leaking).toEqual([]);
  });

  it('masks it too when partials scanned without --redact are merged with it (the sample was cut before)', async () => {
    // SUSPECTED BUG: merge --redact (CI's default) showed "…Zx9Qw8Er7Ty6Ui5Op4As" and said "redacted: yes".
    const file = `${PM}/redact-cut/onedrive-refresh.log`;
    const partial = await run(['scan', file, '--partial', '--no-redact', '--quiet']);
    expect(partial.out).toContain('Zx9Qw8Er7Ty6Ui5Op4As');
    const merged = await run(['merge', '-', '--format', 'json', '--quiet'], { stdin: partial.out, env: { CI: 'true' } });
    expect(merged.code, merged.err).toBe(0);
    expect(leaks(merged.out, ['Zx9Qw8Er7Ty6Ui5Op4As'])).toEqual([]);
    // The code the sample is of stays in it.
    expect(row(JSON.parse(merged.out) as Report, 'storage_credential_no_access').samples[0]!.text).toMatch(/^…\[redacted\][^]*storage_credential_no_access/);
  });

  // Fails at the time of writing: only the first word of a quoted value is masked ("[redacted] horse battery staple").
  it('masks the whole value of a secret key, spaces and all', async () => {
    const edge = `${PM}/redact-edge`;
    const { report } = await scanJson([`${edge}/connector-config.jsonl`, `${edge}/smtp-relay.log`, '--redact']);
    expect({
      jsonl: row(report, 'storage_credential_no_access').samples[0]!.text,
      text: row(report, 'smime_error').samples[0]!.text,
    }).toEqual({
      jsonl:
        '{"timestamp":"2026-03-18T15:30:00Z","level":"ERROR","code":"storage_credential_no_access","connector":"box","password":"[redacted]","message":"login refused"}',
      text: '2026-03-18T15:30:05.000Z ERROR [smtp] smime_error: relay auth failed for user=relay-bot password="[redacted]" host=smtp.northwind-traders.com',
    });
    expect(leaks(JSON.stringify(report), ['horse battery staple', 'battery', 'Monday 1983'])).toEqual([]);
  });

  // Fails at the time of writing: ::ffff:203.0.113.99 becomes "[ipv6].0.113.99".
  it('masks IPv6 in its compressed, zoned, full and IPv4-mapped forms', async () => {
    const { report } = await scanJson([`${PM}/redact-edge/imap-relay.log`, '--redact']);
    const texts = row(report, 'connection_error_max_retry').samples.map((x) => x.text);
    expect(texts[1]).toBe('2026-03-18T15:31:05.000Z ERROR [imap] req=77aa88bc connection_error_max_retry: peer [ipv6] and loopback [ipv6] closed');
    expect(texts[2]).toBe('2026-03-18T15:31:10.000Z ERROR [imap] req=77aa88bd connection_error_max_retry: peer [ipv6] port 993 reset');
    // ::ffff:203.0.113.99 is one IPv6 address: none of its IPv4 part may be left
    expect(texts[0]).toMatch(/^2026-03-18T15:31:00\.000Z ERROR \[imap\] req=77aa88bb connection_error_max_retry: relay from (\[ipv6\]|::ffff:\[ipv4\]) refused$/);
    expect(leaks(JSON.stringify(report), ['203.0.113.99', '0.113.99', 'fe80', '2001:db8'])).toEqual([]);
  });

  // Fails at the time of writing: reasons are shown as written (the README names samples, accounts and file names
  // only; the capability's rule says every report field).
  it('masks an address in a suppression reason, a report field like any other', async () => {
    const outputs = await allOutputs([`${PM}/suppress/nightly-sync.log`, '--suppress', `${DATA}/suppress-approved-by.json`, '--redact']);
    const leaking = Object.entries(outputs)
      .filter(([, text]) => leaks(text, ['dana.kim@']).length > 0)
      .map(([name]) => name);
    expect(leaking).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------------
// Redaction of secret-named keys with a prefix (api_token=, db_password=) and of short bearer tokens.
// ---------------------------------------------------------------------------------------------------
/** Key endings whose values are secret, whatever comes before them after `_`, `-`, `.` or a word boundary. */
const SECRET_ENDINGS = ['password', 'passwd', 'pwd', 'token', 'secret', 'api_key', 'apikey', 'access_key', 'private_key'];

describe('redaction: keys that end in a secret name, and bearer tokens of any length', () => {
  it.each([
    // a prefix joined by _, - or .: the key stays, its value goes
    ['api_token=abc123 next', 'api_token=[redacted] next'],
    ['auth_token: "abc 123" next', 'auth_token: "[redacted]" next'],
    ['db_password=hunter2', 'db_password=[redacted]'],
    ['user_secret=xyz;', 'user_secret=[redacted];'],
    ['access_key=AKIA1', 'access_key=[redacted]'],
    ['aws_access_key=AKIA1', 'aws_access_key=[redacted]'],
    ['DB_PASSWORD=x', 'DB_PASSWORD=[redacted]'],
    ['smtp-pwd: x1', 'smtp-pwd: [redacted]'],
    ['app.passwd=p', 'app.passwd=[redacted]'],
    ["gcp.private_key='k k'", "gcp.private_key='[redacted]'"],
    ['x-apikey:k', 'x-apikey:[redacted]'],
    ['svc_api_key = k', 'svc_api_key = [redacted]'],
    ['{"db_password":"p w","n":1}', '{"db_password":"[redacted]","n":1}'],
    ["{'Refresh_Token': 'r'}", "{'Refresh_Token': '[redacted]'}"],
    // quotes escaped inside a JSON string: masked to the escaped closing quote
    ['{"msg":"login db_password=\\"p w\\" failed"}', '{"msg":"login db_password=\\"[redacted]\\" failed"}'],
    ['{"msg":"{\\"api_token\\":\\"t\\"}"}', '{"msg":"{\\"api_token\\":\\"[redacted]\\"}"}'],
    // bearer tokens of one character or more, either case
    ['retried with Bearer x', 'retried with Bearer [redacted]'],
    ['bearer abc.def rest', 'bearer [redacted] rest'],
    ['BEARER a1', 'BEARER [redacted]'],
    // an address in a URL, its `@` encoded
    ['GET /api/users/ann.lee%40contoso.com/mailboxes 404', 'GET /api/users/a***%40contoso.com/mailboxes 404'],
    ['notify?account=bob%40example.org&code=storage_error', 'notify?account=b***%40example.org&code=storage_error'],
    ['progress 100%40 steps', 'progress 100%40 steps'],
    // a local part with a letter outside ASCII: masked whole, not from that letter on
    ['upload for jürgen.groß@contoso.com failed', 'upload for j***@contoso.com failed'],
    // a quote escaped inside a quoted value does not close it (JSON's \", an escaped backslash before it)
    ['{"code":"storage_error","password":"Tr0ub4dor\\"3xtra-Secret","n":1}', '{"code":"storage_error","password":"[redacted]","n":1}'],
    ['{"token":"ab\\\\cd\\"ef-tail"}', '{"token":"[redacted]"}'],
    ['{"pass":"p@ss\\"word"}', '{"pass":"[redacted]"}'],
    // …and in a JSON string's JSON, an escaped escaped quote (\\\")
    ['{"msg":"{\\"api_token\\":\\"t\\\\\\"u\\"}"}', '{"msg":"{\\"api_token\\":\\"[redacted]\\"}"}'],
    // a quoted value with no closing quote on its line (a quote escaped, the line cut short): masked to the line's end
    ['password="C:\\temp\\" next', 'password="[redacted]'],
    ['ERROR storage_error login password="Tr0ub4dor\\"3xtra-Secret\nnext line', 'ERROR storage_error login password="[redacted]\nnext line'],
    ["token='ab\\'cd-EF", "token='[redacted]"],
    // a Cookie or Set-Cookie header's whole value, not only its first pair
    ['GET /x Cookie: sid=abcdef0123456789; token=zz; theme=dark', 'GET /x Cookie: [redacted]'],
    ['Set-Cookie: session=9f8e7d; Path=/; HttpOnly\nnext', 'Set-Cookie: [redacted]\nnext'],
    ['{"headers":{"cookie":"sid=abc; a=b","x":1}}', '{"headers":{"cookie":"[redacted]","x":1}}'],
    ['session_cookie=s3cr3t; other', 'session_cookie=[redacted]'],
    ['cookies=5 cookie_jar', 'cookies=5 cookie_jar'],
    // true, false and null are no secrets
    ['isSecret: true, hasToken: false, showPassword: null, pageToken: abc', 'isSecret: true, hasToken: false, showPassword: null, pageToken: [redacted]'],
    // camelCase keys that end in password, passwd, passphrase, secret or token; passphrase alone
    ['{"smtpPassword":"HuntEr22!","userPassword":"Zx9","accessToken":"abc1","clientSecret":"s"}', '{"smtpPassword":"[redacted]","userPassword":"[redacted]","accessToken":"[redacted]","clientSecret":"[redacted]"}'],
    ['dbPasswd=x1 csrfToken: t2 passphrase=open sesame', 'dbPasswd=[redacted] csrfToken: [redacted] passphrase=[redacted] sesame'],
    // not a key that ends in a secret name: left as written
    ['tokens=5 passwordless=true bypass=on', 'tokens=5 passwordless=true bypass=on'],
    ['broken=1 spoken=2 compass=3 keytokens=4', 'broken=1 spoken=2 compass=3 keytokens=4'],
  ])('%s → %s', (input, expected) => {
    expect(redactText(input)).toBe(expected);
  });

  it('reads a long run of one word, or of words joined by \' or #, in linear time (a URL\'s scheme, an address\'s local part)', () => {
    // Linear: some 10 ms a text here; tried at each byte these were quadratic (100,000 letters: ~12 s). The
    // bound is no speed measure, only a guard against a scan that never ends.
    for (const text of ['q'.repeat(100_000), "a'".repeat(50_000), 'a#'.repeat(50_000), 'a&'.repeat(50_000), 'x.'.repeat(50_000) + '@']) {
      const started = Date.now();
      expect(redactText(text)).toBe(text);
      expect(Date.now() - started).toBeLessThan(3000);
    }
  });

  it('takes time linear in the text, whatever runs of backslashes and quotes follow a secret key (no catastrophic backtracking)', () => {
    const run = '\\'.repeat(20_000);
    for (const text of [`token=\\"${run}`, `{"msg":"token=\\"${run}x"}`, `\\"password\\":\\"${run}`, `password="${run}`, `password='${run}`, `password=${'"'.repeat(20_000)}`]) {
      expect(redactText(text)).toContain('[redacted]');
    }
  });

  /** A value no report would hold by chance: "Zq", its index, then letters and digits. */
  const value = (i: number) => fc.stringMatching(/^[A-Za-z0-9]{0,10}$/).map((tail) => `Zq${i}${tail}`);
  const key = fc
    .record({
      prefix: fc.constantFrom('', 'db', 'api', 'auth', 'user', 'AWS', 'smtp.relay', 'x'),
      joint: fc.constantFrom('_', '-', '.'),
      ending: fc.constantFrom(...SECRET_ENDINGS),
      upper: fc.boolean(),
    })
    .map(({ prefix, joint, ending, upper }) => {
      const k = prefix === '' ? ending : `${prefix}${joint}${ending}`;
      return upper ? k.toUpperCase() : k;
    });
  const pair = (i: number) =>
    fc.record({
      key,
      value: value(i),
      sep: fc.constantFrom('=', ':', ' = ', ': '),
      quote: fc.constantFrom('', '"', "'"),
      spaced: fc.boolean(),
    });

  it('leaves no such value in samples, accounts, unknown codes, file names or suppression reasons, in any output', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.tuple(pair(0), pair(1), pair(2), pair(3), pair(4)),
        fc.stringMatching(/^[A-Za-z0-9._~+/-]{1,6}$/),
        async (pairs, short) => {
          const [text, quoted, jsonField, account, fileKey] = pairs;
          const raw = pairs.map((p) => p.value);
          const bearer = `Zq5${short}`;
          const kv = (p: (typeof pairs)[number]) => {
            // A quoted value may hold spaces; an unquoted one ends at the first space.
            const v = p.quote === '' ? p.value : `${p.quote}${p.value}${p.spaced ? ' and more' : ''}${p.quote}`;
            return `${p.key}${p.sep}${v}`;
          };
          const dir = freshDir();
          writeFileSync(
            path.join(dir, 'm2c.log'),
            [
              `2026-03-18T15:00:00.000Z ERROR [storage-box] storage_error ${kv(text)} done`,
              `2026-03-18T15:00:01.000Z ERROR [smime-gw] smime_error with ${kv(quoted)}, retried with Bearer ${bearer}`,
              '',
            ].join('\n'),
          );
          writeFileSync(
            path.join(dir, 'm2c.jsonl'),
            [
              JSON.stringify({ timestamp: '2026-03-18T15:00:02Z', code: 'storage_error', [jsonField.key]: jsonField.value, message: 'upload failed' }),
              JSON.stringify({ timestamp: '2026-03-18T15:00:03Z', code: 'execution_failed', user: kv(account) }),
              JSON.stringify({ timestamp: '2026-03-18T15:00:04Z', code: `${kv(account)}`, message: 'x' }),
              '',
            ].join('\n'),
          );
          writeFileSync(path.join(dir, `${fileKey.key}=${fileKey.value}.log`), '2026-03-18T15:00:05.000Z WARN STORAGE_USER_WITH_ERROR\n');
          const suppress = path.join(dir, 'suppress.json');
          writeFileSync(suppress, JSON.stringify([{ code: 'execution_failed', reason: `approved, ${kv(text)}`, expires: null }]));
          const args = [dir, '--exclude', 'suppress.json', '--suppress', suppress, '-j', '1'];
          // Unredacted, every value is there to find: in a sample, an account, a file name or a reason.
          expect(leaks((await scanJson(args)).out, [...raw, bearer])).toEqual([...raw, bearer]);
          const outputs = await allOutputs([...args, '--redact']);
          for (const [name, out] of Object.entries(outputs)) expect(leaks(out, [...raw, bearer]), name).toEqual([]);
        },
      ),
      { numRuns: 20 },
    );
  });
});
