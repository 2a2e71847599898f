/**
 * Postmortem capability: the timeline, peaks and the first ERROR. Every expected value below was counted by hand
 * from the fixture text (line numbers cited in the comments) and the rules of the capability, never copied from
 * mxscan's output.
 *
 * Logs live under fixtures/postmortem/<scenario>/; baselines, suppression files and catalogs under test/data/
 * (fixtures/ is scanned whole by `npm start`); the paths several files share are in test/support/postmortem-
 * paths.ts.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { headings, logWriter, order, row, scanJson, scanMarkdown, section, tempDir } from './support/postmortem-cli.js';
import { PM, TIMELINE } from './support/postmortem-paths.js';
import { ENGINES } from './oracle/switch.js';

// The oracle stands in for the engine where a case asks for it (test/oracle/switch.ts; src/scan.ts is mocked
// by the setup file of the project these tests run in, test/support/oracle-mock.ts).

const temp = tempDir();
afterAll(() => temp.remove());

const tempLog = logWriter(temp.dir);

// ---------------------------------------------------------------------------------------------------
// 2. Timeline, peaks, series and the first ERROR
//
// timeline/mail2cloud-eu2.log (19 lines): line 1 an untimed header; line 10 a stack-trace line (inherits
// 08:15:00, no code); line 12 "Caused by" (inherits 08:16:30 from line 11, storage_error); line 13 flushed
// late with 08:09:58.250, earlier than every line around it.
// timeRange: line 2 (08:02:30, the file's first own time) → line 19 (09:09:59, its last).
// 1m: minutes 08:02..09:09 = 68 buckets > 48; 5m: 08:00..09:05 = 14 buckets → 5m.
// ---------------------------------------------------------------------------------------------------
const B5 = ['08:00', '08:05', '08:10', '08:15', '08:20', '08:25', '08:30', '08:35', '08:40', '08:45', '08:50', '08:55', '09:00', '09:05'];
const iso = (hhmm: string): string => `2026-03-18T${hhmm}:00.000Z`;

describe('timeline: occurrences per bucket, peaks and the first ERROR', () => {
  it('picks 5m buckets for a 67-minute incident and lists every bucket, the empty ones too', async () => {
    const { report } = await scanJson([TIMELINE]);
    expect(report.totals.records).toBe(17); // 19 lines; 10 and 12 (no time) join the records of 9 and 11
    expect(report.timeRange).toEqual({ start: '2026-03-18T08:02:30.000Z', end: '2026-03-18T09:09:59.000Z' });
    // [ERROR, WARN, INFO] per bucket
    const counts: Record<string, [number, number, number]> = {
      '08:00': [0, 1, 1], // 3 WARN 08:03:05.120, 4 INFO 08:04:40
      '08:05': [1, 0, 0], // 13 storage_error 08:09:58.250 (late-flushed)
      '08:10': [4, 0, 0], // 5, 6, 7, 8 (08:14:59.999 still 08:10)
      '08:15': [3, 0, 0], // 9 (08:15:00.000 opens 08:15), 11, 12 (inherits 08:16:30)
      '08:20': [0, 1, 0], // 14
      '08:35': [1, 0, 0], // 16
      '08:50': [0, 0, 1], // 17
      '09:05': [0, 0, 1], // 18
    };
    expect(report.timeline).toEqual({
      bucket: '5m',
      buckets: B5.map((b) => {
        const [ERROR, WARN, INFO] = counts[b] ?? [0, 0, 0];
        return { start: iso(b), ERROR, WARN, INFO };
      }),
    });
  });

  it('gives every code its series per bucket and its peak bucket, the earliest on a tie', async () => {
    const { report } = await scanJson([TIMELINE]);
    expect(order(report)).toEqual([
      ['storage_error', 5], // 6, 7, 12, 13, 16
      ['connection_error_max_retry', 2], // 8, 9
      ['execution_failed', 1], // 11
      ['storage_credential_no_access', 1], // 5
      ['STORAGE_USER_WITH_ERROR', 1], // 14
      ['accounts_and_groups_source_sync_warning', 1], // 3
      ['task_finished_without_error', 2], // 4, 18
      ['web_hook_moved', 1], // 17
    ]);
    const at = (...pairs: [number, number][]): number[] => {
      const s = Array<number>(14).fill(0);
      for (const [i, n] of pairs) s[i] = n;
      return s;
    };
    const got = Object.fromEntries(report.codes.map((c) => [c.code, { peak: c.peak, series: c.series }]));
    expect(got).toEqual({
      storage_error: { peak: { start: iso('08:10'), count: 2 }, series: at([1, 1], [2, 2], [3, 1], [7, 1]) },
      // one in 08:10 and one in 08:15: the earlier wins
      connection_error_max_retry: { peak: { start: iso('08:10'), count: 1 }, series: at([2, 1], [3, 1]) },
      execution_failed: { peak: { start: iso('08:15'), count: 1 }, series: at([3, 1]) },
      storage_credential_no_access: { peak: { start: iso('08:10'), count: 1 }, series: at([2, 1]) },
      STORAGE_USER_WITH_ERROR: { peak: { start: iso('08:20'), count: 1 }, series: at([4, 1]) },
      accounts_and_groups_source_sync_warning: { peak: { start: iso('08:00'), count: 1 }, series: at([0, 1]) },
      task_finished_without_error: { peak: { start: iso('08:00'), count: 1 }, series: at([0, 1], [13, 1]) },
      web_hook_moved: { peak: { start: iso('08:50'), count: 1 }, series: at([10, 1]) },
    });
    // firstSeen is the late-flushed line 13, not line 6
    expect([row(report, 'storage_error').firstSeen, row(report, 'storage_error').lastSeen]).toEqual([
      '2026-03-18T08:09:58.250Z',
      '2026-03-18T08:38:45.000Z',
    ]);
  });

  it('names the first ERROR by time, not by line: the late-flushed line 13', async () => {
    const { report } = await scanJson([TIMELINE]);
    expect(report.firstError).toEqual({ code: 'storage_error', time: '2026-03-18T08:09:58.250Z', file: TIMELINE, line: 13 });
  });

  it('breaks a tie on time by file path, and puts untimed occurrences last', async () => {
    // node-a.log:4 storage_credential_no_access at 11:31:10; node-b.log:2 store_in_ai_error at 11:31:10 too
    // (node-a sorts first); node-b.log:1 smime_error has no time at all; untimed-replay.log has no times
    const { report } = await scanJson([`${PM}/first-error`]);
    expect(report.firstError).toEqual({
      code: 'storage_credential_no_access',
      time: '2026-03-18T11:31:10.000Z',
      file: `${PM}/first-error/node-a.log`,
      line: 4,
    });
  });

  it("keeps a code's first timed line as its first occurrence: not an untimed line before it, not a later line at the same time", async () => {
    // line 1 has no time (none before it); lines 2-4 share 10:00:00
    const file = tempLog('first-of-ties.log', ['storage_error before any time', '2026-03-18T10:00:00Z storage_error one', '2026-03-18T10:00:00Z storage_error two', '2026-03-18T10:00:00Z storage_error three']);
    for (const engine of ENGINES) {
      const { report } = await scanJson([file, '--jobs', '1'], { engine });
      expect(report.firstError, engine).toMatchObject({ code: 'storage_error', time: '2026-03-18T10:00:00.000Z', line: 2 });
    }
  });

  it('falls back to the first untimed ERROR by file and line when no ERROR has a time', async () => {
    const file = `${PM}/first-error/untimed-replay.log`;
    const { report } = await scanJson([file]);
    // report order puts execution_failed first (count tie, code order), but line 1 comes first
    expect(order(report)).toEqual([
      ['execution_failed', 1],
      ['execution_unexpected_error', 1],
    ]);
    expect(report.firstError).toEqual({ code: 'execution_unexpected_error', time: null, file, line: 1 });
    const md = (await scanMarkdown([file])).out;
    expect(section(md, 'Start here')).toContain('`execution_unexpected_error`');
    expect(section(md, 'Start here')).toContain(`${file}:1`);
  });

  it('renders a Timeline section with a table and a mermaid xychart, and a sparkline in each code row', async () => {
    const { out } = await scanMarkdown([TIMELINE]);
    const t = section(out, 'Timeline');
    // table rows of the buckets, [ERROR, WARN, INFO]: every bucket of 5m from 08:00 to 09:05, empty ones too
    for (const [hhmm, e, w, i] of [
      ['08:10', 4, 0, 0],
      ['08:15', 3, 0, 0],
      ['08:00', 0, 1, 1],
      ['08:25', 0, 0, 0],
      ['09:05', 0, 0, 1],
    ] as const) {
      expect(t).toMatch(new RegExp(`^\\| ${hhmm} \\| ${e} \\| ${w} \\| ${i} \\|$`, 'm'));
    }
    expect(t.split('\n').filter((l) => /^\| \d\d:\d\d \|/.test(l))).toHaveLength(14);
    const mermaid = /```mermaid\n([\s\S]*?)\n```/.exec(t);
    expect(mermaid).not.toBeNull();
    const chart = mermaid![1]!.split('\n').map((l) => l.trim());
    expect(chart[1]).toBe('xychart-beta');
    // 14 buckets are more than 12 labels: two buckets per point, 7 points, each labelled without a `:`
    const xAxis = chart.find((l) => l.startsWith('x-axis'))!;
    expect(xAxis).toBe('x-axis ["08h00", "08h10", "08h20", "08h30", "08h40", "08h50", "09h00"]');
    expect(chart.find((l) => l.startsWith('title'))).toBe('title "Occurrences per 10m (UTC): ERROR red bars, WARN orange line, INFO blue line"');
    const data = chart.filter((l) => /^(bar|line) \[/.test(l));
    expect(data).toEqual([
      'bar [1, 7, 0, 1, 0, 0, 0]', // ERROR: 0+1, 4+3, 0+0, 0+1, …
      'line [1, 0, 1, 0, 0, 0, 0]', // WARN: 1+0, 0+0, 1+0, …
      'line [1, 0, 0, 0, 0, 1, 1]', // INFO: 1+0, …, 0+1, 0+1
    ]);
    // the ERROR bars are the palette's first colour, red
    expect(chart[0]).toContain('"plotColorPalette": "#cf222e, ');
    // sparklines: one glyph per bucket, · where the code had none, the full block at its peak
    const { report } = await scanJson([TIMELINE]);
    const codes = section(out, 'Codes').split('\n');
    for (const c of report.codes) {
      const line = codes.find((l) => l.includes(`| \`${c.code}\` |`));
      expect(line, c.code).toBeDefined();
      const spark = /([·▁▂▃▄▅▆▇█]{14})/.exec(line!);
      expect(spark, `${c.code}: ${line}`).not.toBeNull();
      const glyphs = [...spark![1]!];
      expect(glyphs.map((g) => g === '·')).toEqual(c.series.map((n) => n === 0));
      expect(glyphs[c.series.indexOf(Math.max(...c.series))]).toBe('█');
    }
  });

  it('names the first ERROR under "Start here"', async () => {
    const { out } = await scanMarkdown([TIMELINE]);
    const s = section(out, 'Start here');
    expect(s).toContain('`storage_error`');
    expect(s).toContain(`${TIMELINE}:13`);
    expect(s).toContain('08:09:58.250');
  });

  // Two-line logs: the first and the last line set the time range. Widths are tried narrowest first; the first
  // that gives at most 48 buckets wins. All widths are aligned to the Unix epoch (a 7d bucket starts on a
  // Thursday: 1970-01-01 was one; 2026-01-01 is day 20454 = 7 × 2922, a Thursday too).
  const WIDTH_CASES: [string, string, string, number, string, string][] = [
    // start, end, width, buckets, first bucket, last bucket
    ['2026-03-18T10:00:59Z', '2026-03-18T10:47:00Z', '1m', 48, '2026-03-18T10:00', '2026-03-18T10:47'], // 600..647
    ['2026-03-18T10:00:59Z', '2026-03-18T10:48:00Z', '5m', 10, '2026-03-18T10:00', '2026-03-18T10:45'], // 1m: 49
    ['2026-03-18T08:00:00Z', '2026-03-18T11:59:59Z', '5m', 48, '2026-03-18T08:00', '2026-03-18T11:55'],
    ['2026-03-18T08:00:00Z', '2026-03-18T12:00:00Z', '15m', 17, '2026-03-18T08:00', '2026-03-18T12:00'], // 5m: 49
    ['2026-03-18T00:00:00Z', '2026-03-18T11:59:59.999Z', '15m', 48, '2026-03-18T00:00', '2026-03-18T11:45'],
    ['2026-03-18T00:00:00Z', '2026-03-18T12:00:00Z', '1h', 13, '2026-03-18T00:00', '2026-03-18T12:00'], // 15m: 49
    ['2026-03-17T00:00:00Z', '2026-03-18T23:59:59Z', '1h', 48, '2026-03-17T00:00', '2026-03-18T23:00'],
    ['2026-03-17T00:00:00Z', '2026-03-19T00:00:00Z', '6h', 9, '2026-03-17T00:00', '2026-03-19T00:00'], // 1h: 49
    ['2026-03-07T00:00:00Z', '2026-03-18T23:59:59Z', '6h', 48, '2026-03-07T00:00', '2026-03-18T18:00'], // 12 days
    ['2026-03-07T00:00:00Z', '2026-03-19T00:00:00Z', '1d', 13, '2026-03-07T00:00', '2026-03-19T00:00'], // 6h: 49
    ['2026-01-30T00:00:00Z', '2026-03-18T12:00:00Z', '1d', 48, '2026-01-30T00:00', '2026-03-18T00:00'], // 2+28+18 days
    ['2026-01-29T00:00:00Z', '2026-03-18T12:00:00Z', '7d', 7, '2026-01-29T00:00', '2026-03-12T00:00'], // 1d: 49
  ];
  const STEP: Record<string, number> = { '1m': 60e3, '5m': 300e3, '15m': 900e3, '1h': 3600e3, '6h': 21600e3, '1d': 864e5, '7d': 6048e5 };

  it.each(WIDTH_CASES)('from %s to %s: %s buckets, %i of them, %s … %s', async (start, end, width, n, first, last) => {
    const file = tempLog(`width-${start}-${end}.log`.replace(/:/g, ''), [
      `${start} INFO  [webhook-dispatcher] web_hook_moved hook=wh_7001 from=/Legal/Intake to=/Legal/Intake/2026`,
      `${end} INFO  [webhook-dispatcher] web_hook_moved hook=wh_7002 from=/Legal/Outbox to=/Legal/Outbox/2026`,
    ]);
    const { report } = await scanJson([file]);
    const t = report.timeline;
    expect(t.bucket).toBe(width);
    expect(t.buckets).toHaveLength(n);
    expect(t.buckets[0]!.start).toBe(`${first}:00.000Z`);
    expect(t.buckets[n - 1]!.start).toBe(`${last}:00.000Z`);
    for (let i = 1; i < n; i++) expect(Date.parse(t.buckets[i]!.start) - Date.parse(t.buckets[i - 1]!.start)).toBe(STEP[width]);
    expect(t.buckets.reduce((s, b) => s + b.INFO, 0)).toBe(2);
    expect(row(report, 'web_hook_moved').series.reduce((a, b) => a + b, 0)).toBe(2);
    // no ERROR code: no first error
    expect(report.firstError).toBeNull();
  });

  it('leaves "Start here" out when there is no ERROR code', async () => {
    const file = tempLog('info-only.log', ['2026-03-18T10:00:00Z INFO [notifier] task 1 done code=task_finished_without_error failed=0']);
    const md = (await scanMarkdown([file])).out;
    expect(headings(md)).not.toContain('Start here');
  });
});
