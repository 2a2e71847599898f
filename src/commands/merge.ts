import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { STDIN_ARG, type Io } from '../io.js';
import { ScanError } from '../errors.js';
import { partialFromJson, type CountingSettings } from '../summary/partial-file.js';
import { mergeTally, newTally } from '../summary/tally.js';
import type { Catalog } from '../catalog/catalog.js';
import { deliver, deliveryArgs } from './deliver.js';
import { fsReason } from '../write.js';

/**
 * `mxscan merge A.json B.json …` (or `-` for partial reports on stdin, one JSON document per line):
 * combines partial reports into the report one scan of all their inputs gives, or into one partial.
 */
export async function runMerge(args: Record<string, unknown>, io: Io): Promise<number> {
  const cwd = io.cwd ?? process.cwd();
  const sources = ((args['partials'] as string[] | undefined) ?? []).map((a) => (a === STDIN_ARG ? '-' : a));
  if (sources.length === 0) throw new ScanError('USAGE', 'give at least one partial report (from mxscan scan --partial), or - for stdin');
  // Options are checked before any partial report is read.
  const delivery = deliveryArgs(args, io);
  const tally = newTally();
  let catalog: Catalog | undefined;
  let settings: CountingSettings | undefined;
  let count = 0;
  for (const src of sources) {
    for (const [doc, where] of await documents(src, cwd, io)) {
      const p = partialFromJson(doc, where);
      if (catalog === undefined) {
        catalog = p.catalog;
        settings = p.settings;
      } else if (p.catalog.sha256 !== catalog.sha256) {
        throw new ScanError('BAD_PARTIAL', `cannot merge ${where}: it was scanned with another catalog (sha256 ${p.catalog.sha256.slice(0, 12)}…, not ${catalog.sha256.slice(0, 12)}…)`);
      } else if (JSON.stringify(p.settings) !== JSON.stringify(settings)) {
        throw new ScanError('BAD_PARTIAL', `cannot merge ${where}: it was scanned with other settings (${JSON.stringify(p.settings)})`);
      }
      for (const f of p.tally.files.keys()) {
        if (tally.files.has(f)) throw new ScanError('BAD_PARTIAL', `cannot merge ${where}: ${f} was already counted in another partial report`);
      }
      mergeTally(tally, p.tally);
      count++;
    }
  }
  if (catalog === undefined || settings === undefined) throw new ScanError('USAGE', 'no partial reports to merge');
  void count;
  return deliver(tally, { catalog, counting: settings, inputFiles: [] }, delivery, io);
}

/** The JSON documents of a partial-report source: a file holds one, stdin one per line. */
async function documents(src: string, cwd: string, io: Io): Promise<[unknown, string][]> {
  const text = src === '-' ? await readAll(io.stdin ?? process.stdin) : await readFile(path.resolve(cwd, src), 'utf8').catch((err: unknown) => {
    throw new ScanError('USAGE', `cannot read partial report ${src}: ${fsReason(err)}`);
  });
  const name = src === '-' ? '(stdin)' : src;
  const lines = text.split('\n').map((l, i) => [l, i + 1] as const).filter(([l]) => l.trim() !== '');
  return lines.map(([l, n]) => {
    try {
      return [JSON.parse(l) as unknown, src === '-' || lines.length > 1 ? `${name}:${n}` : name];
    } catch {
      throw new ScanError('BAD_PARTIAL', `bad partial report ${name}:${n}: not valid JSON`);
    }
  });
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const parts: Buffer[] = [];
  for await (const c of stream) parts.push(typeof c === 'string' ? Buffer.from(c) : c);
  return Buffer.concat(parts).toString('utf8');
}
