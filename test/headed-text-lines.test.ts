/**
 * JSON lines behind a collector's head with lines of text among them (README Formats, *JSON lines behind a
 * collector's head*): Heroku's router lines, a banner before a program logs JSON. Every expected value was
 * worked out by hand from the lines below.
 */
import { describe, expect, it } from 'vitest';
import { textUnderHead } from '../src/input/collector-head.js';
import { order, scan } from './support/fixtures.js';
import { tempDir } from './support/main.js';
import { afterAll } from 'vitest';

const { remove, write } = tempDir('mxscan-headed-text-');
afterAll(remove);

// `heroku logs` (four lines): the router's line and the dyno's state are text; the app logs JSON whose
// message names a code its code field does not hold.
const HEROKU = [
  '2026-04-07T09:14:01.900000+00:00 heroku[router]: at=info method=POST path="/notify" host=m2c.herokuapp.com request_id=1 fwd="10.0.0.5" dyno=web.1 connect=0ms service=12ms status=200 bytes=120 protocol=https',
  '2026-04-07T09:14:02.113456+00:00 app[web.1]: {"level":"error","code":"storage_error","msg":"upload failed after smime_error retry","account":"ann@example.com"}',
  '2026-04-07T09:15:02.113456+00:00 app[web.1]: {"level":"info","code":"task_finished_without_error","msg":"done"}',
  '2026-04-07T09:16:00.000000+00:00 heroku[web.1]: State changed from up to down, last error storage_error',
];

describe('lines of text among JSON lines behind heads', () => {
  it('are records of text; the JSON lines keep their code field as their only code', async () => {
    const { report } = await scan([write('heroku.log', HEROKU.join('\n') + '\n')]);
    // Line 2: storage_error (its code field; the smime_error its message names is not counted); line 3:
    // task_finished_without_error; line 4, text: storage_error.
    expect(order(report)).toEqual([
      ['storage_error', 2],
      ['task_finished_without_error', 1],
    ]);
    expect(report.files[0]).toMatchObject({ format: 'jsonl', records: 4, malformedRecords: 0 });
    expect(report.codes[0]!.lastSeen).toBe('2026-04-07T09:16:00.000Z');
  });

  it('a banner before the JSON (kubectl logs --timestamps of a program that prints one) leaves it JSON lines', async () => {
    const lines = ['2026-04-07T09:00:00.000000000Z Starting m2c-worker 4.1 on :8080', '2026-04-07T09:14:02.113000000Z {"level":"error","code":"smime_error","msg":"see storage_error"}'];
    const { report } = await scan([write('banner.log', lines.join('\n') + '\n')]);
    expect(order(report)).toEqual([['smime_error', 1]]);
    expect(report.files[0]).toMatchObject({ format: 'jsonl', records: 2 });
  });

  it('a stack trace among them leaves the file to plain text, where its lines are one record', async () => {
    const lines = [
      HEROKU[1]!,
      // kubectl logs --timestamps of the same program: its stderr's trace
      '2026-04-07T09:14:03.000000000Z java.lang.IllegalStateException: smime_error',
      '2026-04-07T09:14:03.000000000Z \tat com.m2c.Signer.sign(Signer.java:42)',
      '2026-04-07T09:14:03.000000000Z Caused by: java.io.IOException: smime_error',
    ];
    const { report } = await scan([write('trace.log', lines.join('\n') + '\n')]);
    // Plain text: line 1 counts storage_error and smime_error (its message), lines 2-4 one record: smime_error once.
    expect(report.files[0]).toMatchObject({ format: 'text', records: 2 });
    expect(order(report)).toEqual([
      ['smime_error', 2],
      ['storage_error', 1],
    ]);
  });

  it('text alone under heads is plain text', async () => {
    const { report } = await scan([write('router.log', HEROKU[0] + '\n' + HEROKU[3] + '\n')]);
    expect(report.files[0]).toMatchObject({ format: 'text', records: 2 });
  });

  it.each([
    ['2026-04-07T09:14:01.900000+00:00 heroku[router]: at=info method=POST', true],
    ['Apr  7 09:14:02 mx01 m2c[812]: started', true],
    ['2026-04-07T09:14:02.113Z   .   ____          _', true],
    ['2026-04-07T09:14:02.113Z app[web.1]:     at com.x.Y(Y.java:1)', false],
    ['2026-04-07T09:14:02.113Z stdout F \tat com.x.Y(Y.java:1)', false],
    ['Apr  7 09:14:02 mx01 m2c[812]: #011at com.x.Y(Y.java:1)', false],
    ['2026-04-07T09:14:02.113Z Caused by: java.io.IOException', false],
    ['2026-04-07T09:14:02.113Z app[web.1]: --- End of inner exception stack trace ---', false],
    ['2026-04-07T09:14:02.113Z   File "/app/m2c.py", line 3, in run', false],
    ['no head at all', false],
  ])('textUnderHead(%j) is %j', (line, expected) => {
    expect(textUnderHead(line)).toBe(expected);
  });
});
