/**
 * JSON lines behind a collector's head (Sniffed.headed), and Docker's json-file lines whose `log` holds JSON
 * (LOG_HEAD): the kernel, the lines it leaves to TypeScript and the record-by-record oracle read them alike,
 * whatever the chunks, with a window or without.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { acquireKernel, releaseKernel } from '../src/fast/kernel-pool.js';
import { COLLECTOR_HEAD } from '../src/input/collector-head.js';
import { chunked, defaultMatcher, fastJsonl, generalMatcher, referenceJsonl, report } from './support/engines.js';
import { windowArb } from './support/windows.js';

// kubectl's, CRI's, docker's, docker compose's, stern's, kubetail's and logcli's heads; none; heads that are no collector's (the line is text then, or JSON read whole).
const head = fc.constantFrom(
  '', '2026-03-18T10:00:00.123456789Z ', '2026-03-18T10:00:30Z stdout F ', '2026-03-18T11:00:00+01:00 stderr P ', '2026-03-18T05:00:10.5-05:00 stdout P ',
  '[pod/m2c-7d9f-x2k4q/worker] ', '[pod/m2c-7d9f-x2k4q/worker] 2026-03-18T10:00:40Z ', 'sync-1  | ', 'sync_db.2 | 2026-03-18T10:00:50.25Z ', '\x1e', '\x1esync-1 | ', 'm2c_sync.1.x7k2@node-1    | ',
  // stern's: pod and container, a namespace before them, a time after them.
  'm2c-7d9f-x2k4q worker ', 'mail2cloud m2c-7d9f-x2k4q worker ', 'm2c-7d9f-x2k4q worker 2026-03-18T12:00:40.123456789+02:00 ', '0 1.2 ',
  // kubetail's: the pod (and container) in brackets; and brackets that are none of its.
  '[m2c-7d9f-x2k4q] ', '[m2c-7d9f.x2k4q worker] ', '[m2c-7d9f-x2k4q worker] 2026-03-18T10:00:00Z ', '[M2c] ', '[m2c  worker] ', '[m2c worker.x] ', '[m2c]', '[m2c ] ', '[-m2c] ',
  // logcli's: the time, Loki's labels (padded), the line; `{}` when every label is common to all lines.
  '2026-03-18T10:00:00Z {app="m2c", pod="m2c-7d9f-x2k4q"} ', '2026-03-18T11:00:00+01:00 {}          ', '2026-03-18T10:00:00Z {app="a\\"b}", _x1="é"}  ',
  '2026-03-18T10:00:00Z {app=m2c} ', '2026-03-18T10:00:00Z {app="m2c",pod="p"} ', '2026-03-18T10:00:00Z {app="m2c"}', '2026-03-18T10:00:00Z {app="m2c", } ', '2026-03-18T10:00:00Z {1a="x"} ', '{app="m2c"} ',
  // Words after the time: `aws logs tail`'s stream, Heroku's dyno, Fluentd's tag (tabs), rsyslog's host and tag;
  // syslog's time (no year, no zone) and its host and tag; three words, a quote, syslog's time alone: none.
  '2026-03-18T10:00:00.113000+00:00 ecs/m2c-sync/5f2d9c1e ', '2026-03-18T10:00:00.113456+00:00 app[worker.1]: ', '2026-03-18T10:00:00+00:00\tm2c.sync\t',
  '2026-03-18T10:00:00Z mx01 m2c[812]: ', 'Mar 18 10:00:20 mx01 m2c[812]: ', 'Mar  8 10:00:20.123456 mx01 m2c: ', 'Mar 18 10:00:20 m2c-sync: ',
  '2026-03-18T10:00:00Z a b c ', '2026-03-18T10:00:00Z "x" ', 'Mar 18 10:00:20 ', 'mar 18 10:00:20 mx01 m2c: ', 'MAR 18 10:00:20 mx01 m2c: ', '2026-03-18T10:00:00Z m2c\u00a0x ', 'Mar 18 10:00 mx01 m2c: ',
  // …and what is none of them: upper case, `_`, two blanks, four names, one name, a name that starts with `-`.
  'M2c worker ', 'm2c_x worker ', 'm2c  worker ', 'a b c d ', 'worker ', '-m2c worker ', 'm2c worker | ',
  // Not a collector's head: the line is text, or JSON read whole.
  '[pod/m2c x/w] ', '[pods/m2c/w] ', 'sync-1 |x', ' | ', 'sync-1  | 2026-03-18T10:00:00Z  ', '\x1e\x1e', ' \x1e',
  '2026-03-18T10:00:00.1234567891Z ', '2026-03-18T10:00:00+0000 ', '2026-03-18 10:00:00Z ', '2026-03-18T10:00:00Z  ', '2026-03-18T10:00:00Z stdout X ',
  'storage_error ', '  ', 'x@y.io ',
);
const body = fc.constantFrom(
  '{"level":"error","code":"storage_error","msg":"after smime_error","user":"ana@contoso.com"}',
  '{"level":"info","ts":1773828000.5,"msg":"retrying web_hook_moved"}',
  '{"error_code":"ECONNREFUSED","msg":"connect: execution_failed","time":"2026-03-18T10:00:45Z"}',
  '{"msg":"no time field: smime_error","account":"bo@contoso.com"}',
  '{"code":"s\\u006dime_error","msg":"escaped"}',
  '{"attributes":{"code":"web_hook_moved"},"msg":"nested storage_error"}',
  '{"code":"storage_error","msg":"x"} trailing',
  '{"code":"storage_error",',
  'panic: storage_error {oops}',
  'at com.example.Sync.run(Sync.java:42) smime_error',
  '',
  '{"code":"storage_error","note":"José"}',
  '{"code":"E-101","msg":"then TIMEOUT"}',
  // Time fields in other forms than the head's, or none at all.
  '{"timestamp":"18/03/2026 11:00:00","code":"storage_error"}',
  '{"timestamp":"soon","code":"smime_error"}',
  '{"time":"2026-03-18 12:00:00,5","msg":"web_hook_moved"}',
  '{"log":"{\\"timestamp\\":\\"2026-03-18 12:00:00\\",\\"code\\":\\"smime_error\\"}\\n","stream":"stderr","time":"2026-03-18T10:00:35Z"}',
  '{"msg":"E-101-X and quota.full"}',
  // Docker's json-file lines: a `log` that holds JSON is looked into (LOG_HEAD), one that does not is not.
  '{"log":"{\\"code\\":\\"storage_error\\",\\"msg\\":\\"smime_error\\"}\\n","stream":"stderr","time":"2026-03-18T10:00:15Z"}',
  '{"log":"{\\"level\\":\\"info\\",\\"code\\":\\"E1\\"}\\n","stream":"stdout","time":"2026-03-18T10:00:20Z"}',
  '{"log":"plain web_hook_moved\\n","stream":"stdout","time":"2026-03-18T10:00:25Z"}',
  // stern -o json: a `message` that holds JSON is looked into (MESSAGE_HEAD), one that does not is not.
  '{"message":"{\\"code\\":\\"storage_error\\",\\"msg\\":\\"smime_error\\",\\"ts\\":1773828015}","podName":"m2c-7d9f-x2k4q","containerName":"worker"}',
  '{"message":"plain web_hook_moved","podName":"m2c-7d9f-x2k4q","containerName":"worker"}',
  // …and with --timestamps (stern before 1.35): its time first in `message`.
  '{"message":"2026-03-18T12:00:16.000000000+02:00 {\\"code\\":\\"storage_error\\",\\"msg\\":\\"smime_error\\"}","podName":"m2c-7d9f-x2k4q"}',
  '{"message":"2026-03-18T12:00:17+02:00 plain smime_error","podName":"m2c-7d9f-x2k4q"}',
  // logcli --output=jsonl: a `line` that holds JSON is looked into (LABELS_HEAD, LINE_HEAD), one that does not is not.
  '{"labels":{"app":"m2c"},"line":"{\\"code\\":\\"storage_error\\",\\"msg\\":\\"smime_error\\",\\"ts\\":\\"2026-03-18 12:00:00\\"}","timestamp":"2026-03-18T10:00:05.5+01:00"}',
  '{"line":"{\\"code\\":\\"web_hook_moved\\"}","timestamp":"2026-03-18T10:00:06Z"}',
  '{"labels":{"app":"m2c"},"line":"plain smime_error","timestamp":"2026-03-18T10:00:07Z"}',
);
const file = fc
  .record({ lines: fc.array(fc.tuple(head, body), { maxLength: 20 }), crlf: fc.boolean(), finalNewline: fc.boolean() })
  .map(({ lines, crlf, finalNewline }) => Buffer.from(lines.map(([h, b]) => h + b).join(crlf ? '\r\n' : '\n') + (finalNewline && lines.length > 0 ? '\n' : ''), 'utf8'));
const sizes = fc.array(fc.integer({ min: 1, max: 300 }), { minLength: 1, maxLength: 6 });

describe('JSON lines behind a collector\'s head: the engine and the oracle agree', () => {
  const m = defaultMatcher();

  // The kernel reads most lines (`_` words); with a catalog code that is no `_` word, TypeScript reads every one.
  it.each([
    ['the kernel', defaultMatcher(), 300],
    ['TypeScript', generalMatcher(), 100],
  ] as const)('gives the identical report, whatever the chunks, with a window or without (lines read by %s)', async (_, g, numRuns) => {
    await fc.assert(
      fc.asyncProperty(file, sizes, fc.option(windowArb), async (bytes, cut, w) => {
        const reference = report(await referenceJsonl([bytes], g, 'a.log', undefined, undefined, w, {}, true), g);
        expect(report(fastJsonl(chunked(bytes, cut), g, 'a.log', undefined, undefined, w, {}, true), g)).toEqual(reference);
      }),
      { numRuns, seed: 20261206 },
    );
  });

  it('reads a head\'s line as its JSON: the code field its only code, the head\'s time when it has no time field', async () => {
    // Hand-counted: line 1's code field (its message's smime_error not counted), line 2 no code field (its
    // text's smime_error, at the head's 10:00:30), line 3 no JSON after its head (a line of text, not
    // malformed: storage_error).
    const bytes = Buffer.from([
      '2026-03-18T10:00:00Z {"code":"storage_error","msg":"after smime_error"}',
      '2026-03-18T10:00:30Z stdout F {"msg":"smime_error again"}',
      '2026-03-18T10:01:00Z panic: storage_error',
      '',
    ].join('\n'));
    const r = report(fastJsonl([bytes], m, 'a.log', undefined, undefined, null, {}, true), m);
    expect(r.codes.map((c) => [c.code, c.count, c.firstSeen, c.lastSeen])).toEqual([
      ['storage_error', 2, '2026-03-18T10:00:00.000Z', '2026-03-18T10:01:00.000Z'],
      ['smime_error', 1, '2026-03-18T10:00:30.000Z', '2026-03-18T10:00:30.000Z'],
    ]);
    expect(r.totals.malformedRecords).toBe(0);
  });

  // The engine leaves a line whose head it cannot read to TypeScript, so the reports above agree whatever the
  // kernel's grammar: here the kernel's own reading (objectAt) is compared with the regex's.
  it('the kernel finds the JSON after the same head as COLLECTOR_HEAD, and the same time in it', () => {
    const k = acquireKernel();
    try {
      k.jsonlHeaded(true);
      fc.assert(
        fc.property(head, body, (h, b) => {
          const text = h + b;
          const bytes = Buffer.from(text, 'utf8');
          k.room(bytes.length).set(bytes);
          const m = COLLECTOR_HEAD.exec(text);
          const want = m !== null && text.length > m[0].length ? Buffer.byteLength(m[0]) : 0;
          expect(k.objectAt(0, bytes.length), JSON.stringify(text)).toBe(want);
          expect(k.headTimed).toBe(want > 0 && m?.groups?.['time'] !== undefined);
        }),
        { numRuns: 2000, seed: 20261206 },
      );
    } finally {
      k.jsonlHeaded(false);
      releaseKernel(k);
    }
  });
});
