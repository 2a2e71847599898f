import { appendFileSync, mkdtempSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildCatalog } from '../src/catalog/catalog.js';
import { ChunkBuffer } from '../src/fast/chunk-buffer.js';
import { newFileStat } from '../src/model/stats.js';
import { claimedChunks, readAhead, readInPlace, ShrankError } from '../src/parallel/read-direct.js';
import { planUnits } from '../src/parallel/plan.js';
import { evenRanges } from './support/ranges.js';
import { scanUnit } from '../src/scan.js';
import { fastPathApplies, fileSettings, readError, scanFile, type FileSettings } from '../src/scan.js';
import { buildReport, type Report } from '../src/summary/report.js';
import { joinRanges } from '../src/summary/ranges.js';
import { newTally } from '../src/summary/tally.js';

const dir = mkdtempSync(path.join(tmpdir(), 'mxscan-read-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const catalog = buildCatalog([], true);
const base = fileSettings({ inputs: [], cwd: dir, catalog });
const LINES = 60_000;

// About 4.5 MB: several of the 1 MiB chunks a file is read in, with lines cut at every chunk edge.
const file = path.join(dir, 'big.log');
writeFileSync(
  file,
  Array.from({ length: LINES }, (_, i) => {
    const t = `2026-03-18T10:${String(Math.floor(i / 1000) % 60).padStart(2, '0')}:00Z`;
    return `${t} line ${i} ${'x'.repeat(i % 13)} storage_error for u${i % 7}@x.com${i % 10 === 0 ? ' smime_error' : ''}\n`;
  }).join(''),
);

const reportOf = (t: ReturnType<typeof newTally>): Report => buildReport(t, { catalog, version: 'test', window: null });

async function whole(s: FileSettings): Promise<Report> {
  const tally = newTally();
  await scanFile({ path: 'big.log', file }, s, tally);
  return reportOf(tally);
}

/** Scans the file as three byte ranges, each on its own as a worker does, then joins them. */
async function inRanges(s: FileSettings): Promise<Report> {
  const units = await evenRanges(await planUnits([{ path: 'big.log', file }], 3, s, fastPathApplies, 1024), 3);
  expect(units).toHaveLength(3);
  const parts = [];
  for (const [index, u] of units.entries()) parts.push(await scanUnit({ index, input: u.input }, s));
  const tally = newTally();
  const joined = joinRanges('big.log', parts);
  for (const [k, v] of joined.codes) tally.codes.set(k, v);
  for (const [k, v] of joined.files) tally.files.set(k, v);
  return reportOf(tally);
}

describe('reading a file into the fast scanner', () => {
  it('counts the same whether the next chunk is read ahead or read in place, whole or in ranges', async () => {
    const ahead = await whole({ ...base, readAhead: true });
    // Counted by hand: every line has storage_error, every tenth smime_error; 60 minutes of 1,000 lines.
    expect(ahead.codes.map((c) => [c.code, c.count])).toEqual([
      ['storage_error', LINES],
      ['smime_error', LINES / 10],
    ]);
    expect(ahead.files[0]!.records).toBe(LINES);
    expect(ahead.timeRange).toMatchObject({ start: '2026-03-18T10:00:00.000Z', end: '2026-03-18T10:59:00.000Z' });
    expect(await whole({ ...base, readAhead: false })).toEqual(ahead);
    const rangesAhead = await inRanges({ ...base, readAhead: true });
    expect(rangesAhead.codes).toEqual(ahead.codes);
    expect(rangesAhead.totals).toEqual(ahead.totals);
    expect(await inRanges({ ...base, readAhead: false })).toEqual(rangesAhead);
  });
});

/** A scanner that only counts what it is given, and truncates the file it reads after the first chunk (a log rotated with copytruncate). */
class Truncating extends ChunkBuffer {
  committed = 0;
  constructor(
    private readonly file: string,
    private readonly to: number,
  ) {
    super();
  }
  commit(n: number): void {
    // Grown by text (a file extended by truncate holds NUL bytes, which are taken out on the way in).
    if (this.committed === 0) this.to < statSync(this.file).size ? truncateSync(this.file, this.to) : appendFileSync(this.file, Buffer.alloc(this.to - statSync(this.file).size, 0x62));
    this.committed += n;
    this.len = 0;
  }
  end(): void {}
}

describe('a file that shrinks while it is read', () => {
  const MIB = 1 << 20;
  for (const ahead of [true, false]) {
    it(`is not read as whole (${ahead ? 'read ahead' : 'read in place'}): the scan says where it ended`, async () => {
      const f = path.join(dir, `shrinks-${ahead}.log`);
      writeFileSync(f, Buffer.alloc(4 * MIB, 0x61));
      const sink = new Truncating(f, 1.5 * MIB);
      const stat = newFileStat('shrinks.log');
      const read = ahead ? readAhead : readInPlace;
      const err = await read({ file: f, start: 0 }, sink, stat, () => undefined).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ShrankError);
      // The second chunk was read before or after the truncation: 1 MiB then 0.5 MiB, or 2 MiB in all.
      expect([1.5 * MIB, 2 * MIB]).toContain(sink.committed);
      expect(readError(err)).toBe(`shrank while it was read (${4 * MIB} bytes when opened, it ended at ${sink.committed}: rotated or truncated?); what was read before is counted`);
    });
  }

  it('is no error when it grows, or when a range of it ends where it was planned', async () => {
    const f = path.join(dir, 'grows.log');
    writeFileSync(f, Buffer.alloc(3 * MIB, 0x61));
    const sink = new Truncating(f, 5 * MIB);
    await readInPlace({ file: f, start: 0 }, sink, newFileStat('grows.log'), () => undefined);
    // Read to its end as it is now: the 2 MiB it grew by are read too.
    expect(sink.committed).toBe(5 * MIB);
    const range = new Truncating(f, 5 * MIB);
    await readAhead({ file: f, start: MIB, end: 2 * MIB }, range, newFileStat('grows.log'), () => undefined);
    expect(range.committed).toBe(MIB);
  });
});

describe('between chunks', () => {
  // A worker asking for work is a message this thread takes between tasks: a read that only ever awaited
  // promises would keep it waiting until the file is read (a YAML range, read slowly, was never shared).
  it('lets this thread take its messages, read in place or as chunks of their own', async () => {
    const fourMiB = path.join(dir, 'four.log');
    writeFileSync(fourMiB, 'storage_error\n'.repeat(4 << 20).slice(0, 4 << 20));
    for (const read of ['in place', 'chunks'] as const) {
      // The turns of the event loop seen at each chunk: one at least between two chunks.
      const seen: number[] = [];
      let turns = 0;
      const tick = (): void => {
        turns++;
        if (seen.length < 4) setImmediate(tick);
      };
      setImmediate(tick);
      const d = { file: fourMiB, start: 0, end: 4 << 20 };
      if (read === 'chunks') {
        for await (const c of claimedChunks(d, newFileStat('four.log'))) {
          expect(c.length).toBe(1 << 20);
          seen.push(turns);
        }
      } else {
        const scanner = new (class extends ChunkBuffer {
          constructor() {
            super((n) => Buffer.alloc(n));
          }
          override commit(): void {
            seen.push(turns);
            this.len = 0;
          }
          override end(): void {}
        })();
        await readInPlace(d, scanner, newFileStat('four.log'), () => undefined);
      }
      const chunks = seen.length;
      expect(seen.slice(1).every((t, k) => t > seen[k]!)).toBe(true);
      expect([read, chunks]).toEqual([read, 4]);
    }
  });
});
