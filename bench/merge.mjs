#!/usr/bin/env node
// Times `mxscan merge` on many partial reports: as files named on the command line, and as one stream of
// them on stdin. Each partial is one scan of a fixture under its own --label, so the merged report must
// count every code exactly `count` times one scan's counts.
//   node bench/merge.mjs [--count 10000] [--dir DIR]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { findTimeBinary, measure, RSS_SOURCES } from './lib/measure.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(root, 'dist', 'bin.js');
const { values } = parseArgs({ options: { count: { type: 'string', default: '10000' }, dir: { type: 'string' } } });
const count = Number(values.count);
if (!Number.isInteger(count) || count < 1) throw new Error(`--count: expected a whole number, got ${values.count}`);
const dir = values.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'mxscan-merge-'));
const fixture = path.join(root, 'fixtures', 'incident', 'mail2cloud.log');
const MARK = 'L0000000';

// One partial, then the same text under `count` labels (the label only ever starts a path).
const one = spawnSync(process.execPath, [bin, 'scan', fixture, '--label', MARK, '--partial', '--jobs', '1'], { encoding: 'utf8' });
if (one.status !== 0) throw new Error(`scan failed: ${one.stderr}`);
const single = spawnSync(process.execPath, [bin, 'scan', fixture, '--jobs', '1', '-f', 'json', '-q'], { encoding: 'utf8' });
const want = JSON.parse(single.stdout);
fs.mkdirSync(path.join(dir, 'p'), { recursive: true });
const stream = fs.openSync(path.join(dir, 'all.jsonl'), 'w');
const names = [];
for (let i = 0; i < count; i++) {
  const text = one.stdout.replaceAll(`"${MARK}:`, `"h${String(i).padStart(7, '0')}:`);
  const name = path.join('p', `${i}.json`);
  fs.writeFileSync(path.join(dir, name), text);
  fs.writeSync(stream, text);
  names.push(name);
}
fs.closeSync(stream);
const bytes = fs.statSync(path.join(dir, 'all.jsonl')).size;

const timeBin = findTimeBinary();
const how = { timeBin, pollRss: true };
const runs = [
  { label: `${count} files`, argv: [process.execPath, bin, 'merge', ...names.map((n) => path.join(dir, n)), '-f', 'json', '-q'] },
  { label: 'one stream on stdin', argv: ['sh', '-c', `exec "${process.execPath}" "${bin}" merge - -f json -q < "${path.join(dir, 'all.jsonl')}"`] },
];
process.stdout.write(`merge of ${count.toLocaleString('en-US')} partials (${(bytes / 2 ** 20).toFixed(1)} MiB), peak RSS by ${timeBin !== null ? RSS_SOURCES.time : RSS_SOURCES.poll}\n`);
let failed = false;
for (const r of runs) {
  const run = await measure(r.argv, how);
  let check = 'counts checked';
  try {
    const got = JSON.parse(run.stdout);
    if (got.totals.records !== want.totals.records * count) check = `records ${got.totals.records}, want ${want.totals.records * count}`;
    for (const c of want.codes) {
      const g = got.codes.find((x) => x.code === c.code);
      if (g?.count !== c.count * count) check = `${c.code}: ${g?.count}, want ${c.count * count}`;
    }
  } catch {
    check = `no report (exit ${run.exitCode}): ${run.stderr.split('\n')[0]}`;
  }
  failed ||= check !== 'counts checked' || run.exitCode !== 0;
  const rss = run.rssKiB === null ? 'n/a' : `${(run.rssKiB / 1024).toFixed(1)} MiB`;
  process.stdout.write(`  ${r.label.padEnd(22)} ${run.wallS.toFixed(2)} s  ${((run.wallS * 1e6) / count).toFixed(0)} µs/partial  peak RSS ${rss}  ${check}\n`);
}
if (values.dir === undefined) fs.rmSync(dir, { recursive: true, force: true });
process.exitCode = failed ? 1 : 0;
