/**
 * Records without a time (issue 12 §1): each file counts its untimed records; under a window a file with no
 * readable time at all is an input problem (one stderr line, scan incomplete, exit 2), never a clean "No
 * catalog codes found"; a --time-field/--code-field no record holds is a warning. Inputs written by hand.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runMain, tempDir } from './support/main.js';
import { buildCatalog } from '../src/catalog/catalog.js';
import { buildReport, type Report } from '../src/summary/report.js';
import { newFileStat, newTally } from '../src/summary/tally.js';
import { ENGINES, type Engine } from './oracle/switch.js';

// The oracle stands in for the engine where a case asks for it (test/oracle/switch.ts; src/scan.ts is mocked
// by the setup file of the project these tests run in, test/support/oracle-mock.ts).

const { dir, remove } = tempDir('mxscan-untimed-');
afterAll(remove);

function write(name: string, text: string): string {
  writeFileSync(path.join(dir, name), text);
  return name;
}

// A dashboard export whose Date column holds a form no reader takes: 3 rows, one storage_error.
const CSV = write('x.csv', 'Date,Level,Message\n"Tue 7th Apr, 9.14am",ERROR,storage_error for ann@x.io\n"Tue 7th Apr, 9.15am",INFO,ok\n"Tue 7th Apr, 9.16am",INFO,ok\n');
// Plain text without a single time: 2 lines.
const PLAIN = write('plain.log', 'starting up\nstorage_error while starting\n');
// Plain text: 2 untimed lines before the first timed one (a record each), then two events, the first with an
// untimed line under it (4 records, 2 untimed).
const MIXED = write('mixed.log', 'boot\nloading\n2026-04-07T09:14:00Z start\nstorage_error\n2026-04-07T09:20:00Z done\n');
// JSON lines: the first record has no time field and no time in its text (3 records, 1 untimed).
const JSONL = write('logs.jsonl', '{"level":"INFO","msg":"hello"}\n{"time":"2026-04-07T09:14:00Z","level":"ERROR","msg":"storage_error"}\n{"level":"INFO","msg":"after"}\n');
// CSV: the first row's Date is empty, the next two inherit or have one (3 rows, 1 untimed).
const CSV_MIXED = write('mixed.csv', 'Date,Message\n,hello\n2026-04-07T09:14:00Z,storage_error\n,after\n');

const WINDOW = ['--since', '2026-04-07T09:00:00Z', '--until', '2026-04-07T10:00:00Z'];

async function scan(args: string[], engine: Engine = 'engine'): Promise<{ code: number; err: string; report: Report }> {
  const r = await runMain(['scan', ...args, '--format', 'json'], { cwd: dir, engine });
  return { code: r.code, err: r.err, report: JSON.parse(r.out) as Report };
}

const untimed = (r: Report): Record<string, number> => Object.fromEntries(r.files.map((f) => [f.path, f.untimedRecords]));

describe('untimed records on standard input', () => {
  // The engine's (the oracle keeps nothing of a stream it read).
  it('gives the example for standard input too, from what its scan kept (SUSPECTED BUG: none, for a file it had one)', async () => {
    const r = await runMain(['scan', '-', ...WINDOW, '--format', 'json'], { cwd: dir, stdin: readFileSync(path.join(dir, CSV)) });
    expect(r.code).toBe(2);
    expect(r.err).toContain('mxscan: (stdin): no readable time in column Date (e.g. "Tue 7th Apr, 9.14am"); give --time-format or --time-field\n');
  });
});

describe.each(ENGINES)('untimed records (%s)', (engine) => {
  it('under a window, a CSV whose Date column holds no readable time is an input problem: exit 2, never a clean all-clear', async () => {
    const { code, err, report } = await scan([CSV, ...WINDOW], engine);
    expect(code).toBe(2);
    expect(err).toContain('mxscan: x.csv: no readable time in column Date (e.g. "Tue 7th Apr, 9.14am"); give --time-format or --time-field\n');
    expect(report.files[0]).toMatchObject({ records: 3, untimedRecords: 3, outsideWindow: 3, matches: 0 });
    expect(report.totals.untimedRecords).toBe(3);
    expect(report.provenance!.complete).toBe(false);
    expect(report.verdict).toBe('Incomplete: no readable time in 1 file, so the window could not be applied to it. No catalog codes found');
    expect(report.inputNotes).toEqual([{ kind: 'no-time', file: 'x.csv', source: 'column', field: 'Date', example: 'Tue 7th Apr, 9.14am' }]);
  });

  it('takes its example from the first row whose Date column holds anything', async () => {
    const late = write('late.csv', 'Date,Message\n,hello\n"Tue 7th Apr, 9.14am",storage_error\n');
    const { code, err } = await scan([late, ...WINDOW], engine);
    expect(code).toBe(2);
    expect(err).toContain('mxscan: late.csv: no readable time in column Date (e.g. "Tue 7th Apr, 9.14am"); give --time-format or --time-field\n');
  });

  it('under a window, plain text without times says so with its first line', async () => {
    const { code, err, report } = await scan([PLAIN, ...WINDOW], engine);
    expect(code).toBe(2);
    expect(err).toContain('mxscan: plain.log: no readable time in any line (e.g. "starting up"); give --time-format\n');
    expect(untimed(report)).toEqual({ 'plain.log': 2 });
  });

  it('counts the records before the first timed one, in text, JSON lines and CSV; a window over the rest is no error', async () => {
    const { code, err, report } = await scan([MIXED, JSONL, CSV_MIXED, ...WINDOW], engine);
    expect(code).toBe(0);
    expect(err).not.toContain('no readable time');
    expect(untimed(report)).toEqual({ 'logs.jsonl': 1, 'mixed.csv': 1, 'mixed.log': 2 });
    expect(report.totals.untimedRecords).toBe(4);
    // The untimed records cannot be placed in the window: they are among those outside it.
    expect(report.totals.outsideWindow).toBe(4);
    expect(report.inputNotes).toBeUndefined();
    expect(report.provenance!.complete).toBe(true);
    const plain = await scan([MIXED, JSONL, CSV_MIXED], engine);
    expect(untimed(plain.report)).toEqual({ 'logs.jsonl': 1, 'mixed.csv': 1, 'mixed.log': 2 });
  });

  it('without a window, no time at all leaves the time range unknown, and the verdict says why', async () => {
    const { code, report } = await scan([CSV, PLAIN], engine);
    expect(code).toBe(0);
    expect(report.verdict).toBe('1 ERROR code needs action: storage_error (2) has no time; 1 account. No readable times in 2 files: time range unknown');
    expect(report.totals.untimedRecords).toBe(5);
  });

  it('warns of a --time-field or --code-field no record holds, with the fields seen, for JSON lines and CSV', async () => {
    const { code, err, report } = await scan([JSONL, CSV_MIXED, '--time-field', 'ts', '--code-field', 'msg'], engine);
    expect(code).toBe(0);
    expect(err).toContain('mxscan: logs.jsonl: no record has field "ts" named by --time-field (fields seen: level, msg, time); their times are read as without it\n');
    expect(err).toContain('mxscan: mixed.csv: no row has column "ts" named by --time-field (columns: Date, Message); their times are read as without it\n');
    expect(err).toContain('mxscan: mixed.csv: no row has column "msg" named by --code-field (columns: Date, Message)\n');
    // logs.jsonl holds msg: nothing to say of it.
    expect(err).not.toContain('logs.jsonl: no record has field "msg"');
    expect(report.inputNotes!.map((n) => `${n.file} ${n.option} ${n.field}`)).toEqual(['logs.jsonl time-field ts', 'mixed.csv time-field ts', 'mixed.csv code-field msg']);
  });

  it('lists the columns of a CSV split by its own delimiter when it says a named one is missing', async () => {
    // Semicolons between the fields (Excel where the decimal mark is a comma): columns Date and Message.
    const semi = write('semi.csv', 'Date;Message\n2026-04-07T09:14:00Z;storage_error\n');
    const { code, err } = await scan([semi, '--time-field', 'ts'], engine);
    expect(code).toBe(0);
    expect(err).toContain('mxscan: semi.csv: no row has column "ts" named by --time-field (columns: Date, Message); their times are read as without it\n');
  });
});

describe('what is no input problem', () => {
  it('a file of blank lines only has nothing to miss: under a window it is no error', async () => {
    const blank = write('blank.log', '\n\n  \n');
    const { code, err, report } = await scan([blank, ...WINDOW]);
    expect(code).toBe(0);
    expect(err).not.toContain('no readable time');
    expect(report.files[0]).toMatchObject({ records: 3, untimedRecords: 3 });
    expect(report.inputNotes).toBeUndefined();
  });

  it('an empty file has no records, so none without a time', async () => {
    const { code, report } = await scan([write('empty.log', ''), ...WINDOW]);
    expect(code).toBe(0);
    expect(report.files[0]).toMatchObject({ records: 0, untimedRecords: 0 });
  });
});

describe('a window nothing is inside', () => {
  it.each(ENGINES)('is no all-clear: the verdict, stderr and the time range say no record is inside it (%s)', async (engine) => {
    // MIXED's 4 records: 2 untimed, 2 timed on 2026-04-07, all outside a window on the 8th.
    const r = await runMain(['scan', MIXED, '--since', '2026-04-08T00:00:00Z', '--format', 'markdown'], { cwd: dir, engine });
    expect(r.code).toBe(0);
    expect(r.out).toContain('**No record inside the window: all 4 records read are outside it (check --since, --until and --tz).**');
    expect(r.out).toContain('- Time range: no record inside the window');
    expect(r.out).not.toContain('No catalog codes found');
    expect(r.err).toContain('mxscan: No record inside the window: all 4 records read are outside it');
    // Some record inside it, no code: the all-clear it is.
    const { report } = await scan([MIXED, '--since', '2026-04-07T09:15:00Z'], engine);
    expect(report.verdict).toBe('No catalog codes found');
  });
});

describe('the rule apart from the command line', () => {
  it('without the notes of a scan, every file without a time under a window gets a note, and the verdict says so first', () => {
    const t = newTally();
    t.files.set('a.log', { ...newFileStat('a.log'), records: 4, untimedRecords: 4 });
    t.files.set('b.csv', { ...newFileStat('b.csv'), format: 'csv', records: 2, untimedRecords: 1 });
    const r = buildReport(t, { catalog: buildCatalog([], true), version: '0', window: { since: 0, until: null } });
    expect(r.inputNotes).toEqual([{ kind: 'no-time', file: 'a.log', source: 'line' }]);
    expect(r.verdict).toBe('Incomplete: no readable time in 1 file, so the window could not be applied to it. No catalog codes found');
    expect(r.totals.untimedRecords).toBe(5);
    const open = buildReport(t, { catalog: buildCatalog([], true), version: '0', window: null });
    expect(open.inputNotes).toBeUndefined();
    // b.csv had a time: the time range is not unknown for want of any.
    expect(open.verdict).toBe('No catalog codes found');
  });
});

describe('untimed records in the markdown report and through partial files', () => {
  it('lists a file with untimed records in the files table, and says how many in the scan section', async () => {
    const r = await runMain(['scan', MIXED, JSONL], { cwd: dir });
    expect(r.out).toContain('| `mixed.log` | text | 4 | 1 | 2 untimed records |');
    expect(r.out).toContain('| `logs.jsonl` | jsonl | 3 | 1 | 1 untimed record |');
    expect(r.out).toContain('- 3 untimed records: no time of their own, and none before them in their file');
  });

  it('keeps untimedRecords through scan --partial and merge; a merged window over a file without times exits 2', async () => {
    const a = await runMain(['scan', MIXED, '--partial', '-o', 'a.partial.json'], { cwd: dir });
    expect(a.code).toBe(0);
    const merged = await runMain(['merge', 'a.partial.json', '--format', 'json'], { cwd: dir });
    expect((JSON.parse(merged.out) as Report).files[0]).toMatchObject({ path: 'mixed.log', records: 4, untimedRecords: 2 });
    const b = await runMain(['scan', PLAIN, ...WINDOW, '--partial', '-o', 'b.partial.json'], { cwd: dir });
    expect(b.code).toBe(2);
    expect(b.err).toContain('plain.log: no readable time in any line (e.g. "starting up")');
    const windowed = await runMain(['merge', 'b.partial.json', '--format', 'json'], { cwd: dir });
    expect(windowed.code).toBe(2);
    // The partial carries the scan's notes: the merged report says what the scan's would.
    expect(windowed.err).toContain('mxscan: plain.log: no readable time in any line (e.g. "starting up"); give --time-format\n');
    const scanned = await runMain(['scan', PLAIN, ...WINDOW, '--format', 'json'], { cwd: dir });
    const [m, o] = [JSON.parse(windowed.out) as Report, JSON.parse(scanned.out) as Report];
    expect(m.inputNotes).toEqual(o.inputNotes);
    expect(m.verdict).toBe(o.verdict);
  });

  it('carries missing-field warnings through partial files into the merged report', async () => {
    const args = ['--time-field', 'ts', '--partial'];
    expect((await runMain(['scan', JSONL, ...args, '-o', 'j.partial.json'], { cwd: dir })).code).toBe(0);
    expect((await runMain(['scan', CSV_MIXED, ...args, '-o', 'c.partial.json'], { cwd: dir })).code).toBe(0);
    // Merged in the other order: the notes still come by file.
    const merged = await runMain(['merge', 'c.partial.json', 'j.partial.json', '--format', 'json'], { cwd: dir });
    const scanned = await runMain(['scan', JSONL, CSV_MIXED, '--time-field', 'ts', '--format', 'json'], { cwd: dir });
    expect((JSON.parse(merged.out) as Report).inputNotes!.map((n) => `${n.file} ${n.kind} ${n.field}`)).toEqual(['logs.jsonl missing-field ts', 'mixed.csv missing-field ts']);
    expect(merged.out).toBe(scanned.out);
  });
});
