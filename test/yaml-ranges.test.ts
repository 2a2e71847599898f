import { describe, expect, it } from 'vitest';
import { buildCatalog, buildReport } from '../src/index.js';
import { cutAfter } from '../src/parallel/plan.js';
import { yamlCut } from '../src/input/yaml-cut.js';
import { jsonLineCarries } from '../src/fast/kernel-pool.js';
import type { Tally } from '../src/summary/tally.js';
import { joinedRanges, scratchFiles, wholeScans } from './support/ranges.js';

// A YAML stream of documents (gcloud's default output) is shared by threads: cut at a `---` line before a
// document that surely starts a record of its own (src/input/yaml-cut.ts), each range's documents turned into
// JSON on its own thread, the tallies joined as those of plain text are.

const T0 = Date.UTC(2026, 2, 18, 10, 0, 0);
const at = (ms: number): string => new Date(T0 + ms).toISOString();
const catalog = buildCatalog([], true);
const report = (t: Tally) => buildReport(t, { catalog, version: 'test', window: null });
const write = scratchFiles('yaml-ranges');

describe('yamlCut: where a YAML stream may be cut', () => {
  const cutIn = (text: string): number => yamlCut(Buffer.from(text), jsonLineCarries);

  it('at the first `---` line after the first newline, before a document whose message fields carry nothing on', () => {
    // A message in a mapping under a key is no message field of the record's.
    const doc = 'insertId: a\njsonPayload:\n  message: Caused by: x\nseverity: ERROR\n';
    expect(cutIn(`${doc}---\n${doc}---\n${doc}`)).toBe(doc.length);
    expect(cutIn(`x\n---\nlevel: INFO\ntimestamp: '${at(0)}'\n---\n`)).toBe(2);
    expect(cutIn(`x\n---\nmessage: upload failed # a comment\nlog: 'it''s ok'\n...\n`)).toBe(2);
    // A literal block: its first line is the string's start.
    expect(cutIn(`x\n---\nmessage: |\n  Exception storage_error\n  # not a comment\n\n  \tat a.B(B.java:1)\nseverity: ERROR\n---\n`)).toBe(2);
  });

  it('not before a document whose message holds a stack trace’s later line, plain, quoted or escaped, nested or not', () => {
    const carried = [
      "message: 'Caused by: storage_error'\n",
      'textPayload: "\\tat a.B(B.java:1)"\n',
      "message: '\tat a.B(B.java:1)'\ntags:\n- a\nx:\n  y: 1\n",
      'message: |-\n  Caused by: storage_error\n  \tat a.B(B.java:1)\n',
      'log: |\n    \tat a.B(B.java:1)\n',
    ];
    for (const c of carried) expect(cutIn(`x\n---\n${c}---\nmessage: ok\n---\n`)).toBe(2 + 4 + c.length);
  });

  it('not before one whose message field is not a string on one line, nor where the document does not end in the block', () => {
    for (const v of ['\n  Caused by storage_error', ' >\n  Caused by storage_error', ' |\n  two\n one', " 'Caused by\n  storage_error'", ' 42', ' null', ' {a: 1}', ' "\\x41"', ' a: b']) {
      expect(cutIn(`x\n---\nmessage:${v}\n---\n`)).toBe(-1);
    }
    // A message field in another form than a plain key at column 0, a document on its marker's line, a list
    // (its items are records), or a wrapped one: not read here, so not sure.
    const forms = [
      '"message": "Caused by: x"',
      "'message': 'Caused by: x'",
      'message : Caused by x',
      '? message\n: Caused by x',
      '&k message: Caused by x',
      '{message: Caused by x}',
      '- message: Caused by x',
      'kind: List\nitems:\n- message: Caused by x',
      'entries:\n  - message: Caused by x',
    ];
    for (const f of forms) expect(cutIn(`x\n---\n${f}\n---\n`)).toBe(-1);
    expect(cutIn('x\n--- {message: ok}\n---\n')).toBe(-1);
    // Plain text under a plain scalar goes on with it.
    expect(cutIn(`x\n---\nmessage: java.lang.Exception\n  Caused by x\n---\n`)).toBe(-1);
    expect(cutIn(`x\n---\nlevel: INFO\n`)).toBe(-1);
    expect(cutIn(`---\nlevel: INFO\n---\n`)).toBe(-1);
  });
});

describe('the byte ranges of a YAML stream', () => {
  it('joined, count what the whole file does: nested entries, flat ones with stack traces, times inherited at the cuts', async () => {
    // 1,200 documents in groups of 6, 1 ms apart: a gcloud entry (storage_error in its payload for u(g % 5),
    // web_hook_deleted in its code field every other group), then a flat exception (smime_error), its
    // `Caused by:` with labels under a key (it carries the exception on all the same), an entry without a
    // time of its own (task_finished_with_error: it takes the time before), and two `ok` lines.
    const docs: string[] = [];
    for (let i = 0; i < 1_200; i++) {
      const g = Math.floor(i / 6);
      const t = `timestamp: '${at(g * 5_000 + (i % 6))}'\n`;
      docs.push(
        [
          `insertId: id${i}\njsonPayload:\n  account_email: u${g % 5}@example.com\n  code: ${g % 2 === 0 ? 'web_hook_deleted' : 'null'}\n  message: 'upload failed: storage_error'\nresource:\n  labels:\n    cluster_name: prod\n  type: k8s_container\nseverity: ERROR\n${t}`,
          `${t}message: 'java.lang.Exception: smime_error'\n`,
          `${t}message: 'Caused by: smime_error again'\nlevel: ERROR\nlabels:\n  pod: m2c-1\n`,
          `insertId: id${i}\njsonPayload:\n  message: task_finished_with_error\nresource:\n  type: gce_instance\n`,
          `${t}message: ok\n`,
          `${t}message: ok\nlevel: INFO\nlogger: app\n`,
        ][i % 6]!,
      );
    }
    const text = docs.map((d) => `---\n${d}`).join('');
    const file = write('entries.yaml', text);
    const { units, results, tally } = await joinedRanges(file, 'entries.yaml', 3, catalog);
    expect(units.length).toBe(3);
    // Each range's lines are its bytes' (those of the JSON its documents are turned into end otherwise).
    expect(results.map((x) => x.records)).toEqual(units.map((u) => text.slice(u.input.range!.start, u.input.range!.end).split('\n').length - 1));
    for (const u of units.slice(1)) {
      expect(u.input.format).toBe('yaml');
      expect(text.slice(u.input.range!.start - 1, u.input.range!.start + 4)).toBe('\n---\n');
      // Never before the `Caused by:` that carries the exception on.
      expect(text.slice(u.input.range!.start, u.input.range!.start + 80)).not.toContain('Caused by');
    }
    const r = report(tally);
    // By hand: 200 groups of 5 records (the exception with its `Caused by:` one).
    expect(r.totals.records).toBe(1_000);
    expect(r.codes.map((c) => [c.code, c.count])).toEqual([
      ['smime_error', 200],
      ['task_finished_with_error', 200],
      // Every other group's entry names web_hook_deleted in its code field: its storage_error is not counted.
      ['storage_error', 100],
      ['web_hook_deleted', 100],
    ]);
    expect(r.totals.untimedRecords).toBe(0);
    const w = await wholeScans(file, 'entries.yaml', catalog);
    expect(r).toEqual(report(w.tally));
    expect(r).toEqual(report(w.oracle));
    // Wherever a thread would look for a cut, the one found is a `---` line before no `Caused by:`.
    for (let p = 0; p < text.length; p += 1_009) {
      const cut = cutAfter(file, p, text.length, 'yaml');
      if (cut < 0) continue;
      expect(text.slice(cut - 1, cut + 4)).toBe('\n---\n');
      expect(text.slice(cut, text.indexOf('\n---\n', cut + 1))).not.toContain('Caused by');
    }
  });
});
