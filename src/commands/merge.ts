import { createReadStream, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { withoutBom, type Io } from '../io.js';
import { ScanError } from '../errors.js';
import { partialFromJson, shardInText, type CountingSettings, type Shown } from '../summary/partial-file.js';
import { ShardSets, shardNames } from '../summary/partial-shards.js';
import type { ShardInfo } from '../input/shard.js';
import { mergeTally, newTally } from '../summary/tally.js';
import type { InputNote } from '../summary/report-shape.js';
import type { Catalog } from '../catalog/catalog.js';
import { clearOutputs, nothingRead } from './nothing-read.js';
import { deliver, deliveryArgs } from './deliver.js';
import { fsReason } from '../write.js';
import { expandGlobs } from '../input/discover.js';

/**
 * `mxscan merge A.json B.json …` (or `-` for partial reports on stdin, one JSON document per line):
 * combines partial reports into the report one scan of all their inputs gives, or into one partial.
 * Partials are read one line at a time and merged as they come, so memory holds the merged tally, not the
 * partials. Partials made with --shard must come as whole sets, every shard of N exactly once, for a
 * report; a merge into a partial passes on the shards it holds.
 */
export async function runMerge(args: Record<string, unknown>, io: Io): Promise<number> {
  const cwd = io.cwd ?? process.cwd();
  const given = (args['partials'] as string[] | undefined) ?? [];
  if (given.length === 0) throw new ScanError('USAGE', 'give at least one partial report (from mxscan scan --partial), or - for stdin');
  // Globs as scan takes them (quoted): `mxscan merge 'parts/*.json'`.
  const sources = await expandGlobs(given, cwd);
  // Options are checked before any partial report is read.
  const delivery = deliveryArgs(args, io);
  const tally = newTally();
  const shards = new ShardSets();
  let firstWhere = '';
  // Which partial counted each file (and its shards): a file in two of them is counted twice.
  const countedIn = new Map<string, { where: string; shards: readonly ShardInfo[] }>();
  let catalog: Catalog | undefined;
  let settings: CountingSettings | undefined;
  let shown: Shown | undefined;
  const notes: InputNote[] = [];
  for (const src of sources) {
    const name = src === '-' ? '(stdin)' : src;
    let n = 0;
    let docs = 0;
    for await (const line of lines(src, cwd, io)) {
      n++;
      if (line.trim() === '') continue;
      docs++;
      const where = src === '-' || n > 1 ? `${name}:${n}` : name;
      let doc: unknown;
      try {
        // A byte-order mark (a partial saved again by an editor or PowerShell) is none of its JSON.
        doc = JSON.parse(n === 1 ? withoutBom(line) : line);
      } catch {
        const shard = shardInText(line);
        throw new ScanError('BAD_PARTIAL', `bad partial report ${where}${shard !== undefined ? ` (${shard})` : ''}: ${notJson(line)}`);
      }
      const p = partialFromJson(doc, where, catalog);
      if (catalog === undefined) {
        catalog = p.catalog;
        settings = p.settings;
        firstWhere = where;
        shown = p.shown;
      } else if (p.catalog.sha256 !== catalog.sha256) {
        throw new ScanError('BAD_PARTIAL', `cannot merge ${where}: it was scanned with another catalog (sha256 ${p.catalog.sha256.slice(0, 12)}…, not ${catalog.sha256.slice(0, 12)}…)`);
      } else if (JSON.stringify(p.settings) !== JSON.stringify(settings)) {
        throw new ScanError('BAD_PARTIAL', `cannot merge ${where}: it was scanned with other settings than ${firstWhere}: ${settingsDifference(p.settings, settings!)}`);
      }
      for (const shard of p.shards) shards.add(shard, where);
      for (const f of p.tally.files.keys()) {
        const before = countedIn.get(f);
        if (before !== undefined) throw new ScanError('BAD_PARTIAL', `cannot merge ${where}${p.shards.length > 0 ? ` (${shardNames(p.shards)})` : ''}: ${f} was already counted in ${before.where}${countedTwice(before.shards, p.shards)}`);
        countedIn.set(f, { where, shards: p.shards });
      }
      mergeTally(tally, p.tally);
      notes.push(...p.notes);
    }
    if (docs === 0 && src !== '-') throw new ScanError('BAD_PARTIAL', `bad partial report ${name}: empty (was its scan stopped?)`);
  }
  if (catalog === undefined || settings === undefined) throw new ScanError('USAGE', 'no partial reports to merge');
  // A merge into a partial may hold some shards of a set (a reducer of reducers): the report's merge checks.
  if (!delivery.partial) shards.check();
  // Partials scanned with --redact are masked in the report they make (their accounts are kept whole for
  // the merge), unless the merge says --no-redact.
  const masked = args['redact'] === undefined && settings.redact && !delivery.redact ? { ...delivery, redact: true } : delivery;
  const nothing = nothingRead(tally, masked.partial, masked.redact, io);
  if (nothing !== undefined) {
    await clearOutputs(masked, nothing.lines, io.cwd ?? process.cwd(), () => [], io);
    return nothing.code;
  }
  // Options as the first partial's scan had them typed: the report shows them as that scan's would.
  return deliver(tally, { catalog, counting: settings, inputFiles: () => [], shards: shards.all(), notes, merged: true, ...(shown?.options !== undefined ? { shown: shown.options } : {}), ...(shown?.typed !== undefined ? { typed: shown.typed } : {}) }, masked, io);
}

/** Files up to this size are read whole (a stream per small file costs five times more). */
const READ_WHOLE = 16 * 1024 * 1024;

/** The lines of a partial-report source (a file, or `-`): read whole when small, else as a stream. */
async function* lines(src: string, cwd: string, io: Io): AsyncGenerator<string> {
  const file = path.resolve(cwd, src);
  if (src !== '-') {
    let text: string | undefined;
    try {
      // Read at once: the merge waits on nothing else, and five trips to the thread pool per file cost
      // more than the file's merge on a busy machine.
      text = statSync(file).size <= READ_WHOLE ? readFileSync(file, 'utf8') : undefined;
    } catch (err) {
      throw new ScanError('USAGE', `cannot read partial report ${src}: ${fsReason(err)}`);
    }
    if (text !== undefined) {
      yield* text.split('\n');
      return;
    }
  }
  // Loaded here, before the stream opens: only a stream of partials needs it, and every command paid its load.
  const split = (await import('split2')).default();
  const input: NodeJS.ReadableStream = src === '-' ? (io.stdin ?? process.stdin) : createReadStream(file);
  // A read error (a missing file) ends the line stream with that error.
  input.on('error', (err: unknown) => split.destroy(err as Error));
  try {
    for await (const line of input.pipe(split) as AsyncIterable<string>) yield line;
  } catch (err) {
    if (err instanceof ScanError) throw err;
    throw new ScanError('USAGE', `cannot read partial report ${src}: ${fsReason(err)}`);
  }
}

/** How a partial's settings differ from the first one's: each setting that does, its value there and here. */
function settingsDifference(here: CountingSettings, first: CountingSettings): string {
  const a = here as unknown as Record<string, unknown>;
  const b = first as unknown as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]));
  const show = (k: string, v: unknown): string => {
    if (v === undefined || v === null) return 'none';
    if (k !== 'window' || typeof v !== 'object') return JSON.stringify(v);
    const w = v as { since: number | null; until: number | null };
    const at = (t: number | null): string => (t === null ? 'open' : new Date(t).toISOString());
    return `${at(w.since)} to ${at(w.until)}`;
  };
  const said = keys.map((k) => `${k} ${show(k, a[k])} (there ${show(k, b[k])})`).join('; ');
  const w = [a['window'], b['window']] as ({ since: number | null; until: number | null } | null)[];
  // Windows minutes apart: a duration back from now, read when each scan started.
  const near = (x: number | null, y: number | null): boolean => (x === null) === (y === null) && Math.abs((x ?? 0) - (y ?? 0)) < 10 * 60_000;
  const drift = keys.includes('window') && w[0] != null && w[1] != null && near(w[0].since, w[1].since) && near(w[0].until, w[1].until);
  return drift ? `${said}: a --since or --until given as a duration back from now (2h) is read when each scan starts; give the shards one time (--since 2026-03-18T08:00Z)` : said;
}

/**
 * Why a file is in two partials, from their shards: two sharded scans of other N, or of one N sliced from
 * other inputs (a file that changed between the shards' scans), are no one set; else two scans of inputs
 * of one name, which --label tells apart.
 */
function countedTwice(a: readonly ShardInfo[], b: readonly ShardInfo[]): string {
  const [x, y] = [a[0], b[0]];
  if (x === undefined || y === undefined) return ' (if these are different inputs of the same name, give each scan its own --label, e.g. --label host1)';
  if (x.count !== y.count) return `: shards of ${x.count} and of ${y.count} are mixed; merge the partials of one sharded scan`;
  return ": the shards were sliced from different inputs (did files change between the shards' scans, or were they run from other directories?); rerun every shard on the same files and merge again";
}

/** Why a line of a partial-report source is no JSON: what it looks like, else cut off or corrupt. */
function notJson(line: string): string {
  if (line.includes('\u0000') || line.startsWith('\ufffd\ufffd')) return 'UTF-16, not UTF-8 (as Windows PowerShell 5.1\'s > writes): write it with -o FILE, or convert it to UTF-8';
  const t = line.trim();
  if (t === '{' || t === '[') return 'a JSON document over several lines: a report, not a partial (mxscan scan --partial writes one line)';
  const at = line.indexOf('{"kind":"mxscan-partial"');
  if (at > 0) return `text before its JSON (${JSON.stringify(line.slice(0, Math.min(at, 40)))}: a prefix such as GNU parallel's --tag?)`;
  return 'not valid JSON (cut off or corrupt: was its scan stopped?)';
}
