/**
 * What a file costs to scan, whatever its size: each file is opened once (a small one read whole, in one
 * read, into a buffer reused for the next), the catalog's tables are built once per scan, and a file that
 * changes size between being measured and being read is read as it is then. Counts are worked out by hand
 * from the bytes written.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { buildCatalog } from '../src/catalog/catalog.js';
import { buildMatcher } from '../src/extract/matcher.js';
import { codeWordsOf, generalCodesOf, kernelCodesOf } from '../src/fast/catalog-tables.js';
import { WHOLE_FILE, readWhole } from '../src/input/whole.js';
import { scan } from '../src/scan.js';
import { tempDir } from './support/main.js';

const spy = vi.hoisted(() => ({ opens: new Map<string, number>(), tables: 0, size: undefined as number | undefined, deny: '' }));
const note = (p: unknown): void => {
  spy.opens.set(String(p), (spy.opens.get(String(p)) ?? 0) + 1);
};

vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const mocked = {
    ...fs,
    openSync: (...a: Parameters<typeof fs.openSync>) => {
      note(a[0]);
      // A file whose mode forbids reading it (tests may run as root, who reads anyway).
      if (a[0] === spy.deny) throw Object.assign(new Error(`EACCES: permission denied, open '${spy.deny}'`), { code: 'EACCES' });
      return fs.openSync(...a);
    },
    createReadStream: (...a: Parameters<typeof fs.createReadStream>) => (note(a[0]), fs.createReadStream(...a)),
    // A size measured before the file changed (see the tests of readWhole).
    fstatSync: (fd: number) => {
      const st = fs.fstatSync(fd);
      if (spy.size !== undefined) st.size = spy.size;
      return st;
    },
  };
  return { ...mocked, default: mocked };
});
vi.mock('node:fs/promises', async (importOriginal) => {
  const fsp = await importOriginal<typeof import('node:fs/promises')>();
  const mocked = { ...fsp, open: (...a: Parameters<typeof fsp.open>) => (note(a[0]), fsp.open(...a)) };
  return { ...mocked, default: mocked };
});
vi.mock('../src/fast/word-table.js', async (importOriginal) => {
  const orig = await importOriginal<typeof import('../src/fast/word-table.js')>();
  class Counted extends orig.WordTable {
    constructor(...a: ConstructorParameters<typeof orig.WordTable>) {
      super(...a);
      spy.tables++;
    }
  }
  return { ...orig, WordTable: Counted };
});

let tmp: { dir: string; remove: () => void };
const utf16le = (s: string): Buffer => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(s, 'utf16le')]);
// Every way a small file may need decoding before it is counted.
const FILES: Record<string, Buffer | string> = {
  'a.log': '2026-03-18T08:00:00Z storage_error one\nplain line\n',
  'b.jsonl': '{"msg":"smime_error happened"}\n',
  'c.log': '\ufeffstorage_error after a byte-order mark\n',
  'd.log': utf16le('storage_error in UTF-16\nok\n'),
  'e.log.gz': gzipSync('storage_error gzipped\n'),
  'f.log': Buffer.from('abc\0\x01def storage_error\n'),
  'g.log': 'storage_error\rsmime_error\r',
  'h.log': '',
};

beforeAll(() => {
  tmp = tempDir('mxscan-perfile-');
  mkdirSync(path.join(tmp.dir, 'logs'));
  for (const [name, bytes] of Object.entries(FILES)) writeFileSync(path.join(tmp.dir, 'logs', name), bytes);
});
afterAll(() => tmp.remove());
beforeEach(() => {
  spy.opens.clear();
  spy.tables = 0;
  spy.size = undefined;
  spy.deny = '';
});

const catalog = buildCatalog([], true);

describe('a scan of many small files', () => {
  it('opens each file exactly once, whatever it holds, and counts it as before', async () => {
    const { tally } = await scan({ inputs: ['logs'], cwd: tmp.dir, catalog, jobs: 1 });
    const logs = path.join(tmp.dir, 'logs');
    expect(Object.fromEntries([...spy.opens].filter(([p]) => p.startsWith(logs)).map(([p, n]) => [path.basename(p), n]))).toEqual(
      Object.fromEntries(Object.keys(FILES).map((name) => [name, 1])),
    );
    // a, c, d, e and g hold storage_error once each; b and g smime_error; f is binary and skipped.
    expect(Object.fromEntries([...tally.codes].map(([code, c]) => [code, c.count]))).toEqual({ storage_error: 5, smime_error: 2 });
    const files = Object.fromEntries([...tally.files].map(([p, f]) => [p, [f.status, f.records, f.bytes]]));
    // Bytes are the file's size as written (a byte-order mark and gzip included); f is binary and skipped.
    const size = (name: string): number => Buffer.byteLength(FILES[name]!);
    expect(files).toEqual({
      'logs/a.log': ['ok', 1, size('a.log')], // one record: its second line has no time
      'logs/b.jsonl': ['ok', 1, size('b.jsonl')],
      'logs/c.log': ['ok', 1, size('c.log')],
      'logs/d.log': ['ok', 2, size('d.log')],
      'logs/e.log.gz': ['ok', 1, size('e.log.gz')],
      'logs/f.log': ['binary', 0, size('f.log')],
      'logs/g.log': ['ok', 2, size('g.log')],
      'logs/h.log': ['ok', 0, 0],
    });
  });

  it('builds the catalog tables once for the whole scan, not once per file', async () => {
    await scan({ inputs: ['logs'], cwd: tmp.dir, catalog, jobs: 1 });
    expect(spy.tables).toBe(1);
  });

  it('records a file it may not read, and goes on with the others', async () => {
    spy.deny = path.join(tmp.dir, 'logs', 'a.log');
    const { tally } = await scan({ inputs: ['logs'], cwd: tmp.dir, catalog, jobs: 1 });
    expect(tally.files.get('logs/a.log')).toMatchObject({ status: 'error', message: 'permission denied' });
    expect(tally.codes.get('storage_error')?.count).toBe(4);
  });
});

describe('the catalog tables', () => {
  it('are made once per matcher (a scan, a worker), and anew for another catalog', () => {
    const words = buildMatcher(catalog);
    expect(codeWordsOf(words)).toBe(codeWordsOf(words));
    expect(kernelCodesOf(words)).toBe(kernelCodesOf(words));
    expect(codeWordsOf(buildMatcher(catalog))).not.toBe(codeWordsOf(words));
    // Codes that are not `_` words: the general lookup, and no kernel catalog.
    const general = buildMatcher(buildCatalog([[{ module: 'm', code: 'E-42', type: 't', level: 'ERROR', description: 'd', action: 'a' }]], false));
    expect(general.wordCodes).toBe(false);
    expect(generalCodesOf(general)).toBe(generalCodesOf(general));
    expect(kernelCodesOf(general)).toBeUndefined();
  });
});

describe('readWhole', () => {
  const write = (name: string, bytes: Buffer | string): string => {
    const f = path.join(tmp.dir, name);
    writeFileSync(f, bytes);
    return f;
  };

  it('reads a small file in one go, and the same buffer serves the next file', () => {
    const a = readWhole(write('w1.log', 'first\n'))!;
    expect(a.bytes.toString()).toBe('first\n');
    const first = a.bytes.buffer;
    a.release();
    const b = readWhole(write('w2.log', 'second file\n'))!;
    expect(b.bytes.toString()).toBe('second file\n');
    expect(b.bytes.buffer).toBe(first);
    b.release();
  });

  it('reads a file as it is when it is read: shrunk or grown since it was measured', () => {
    const f = write('changed.log', 'twelve bytes');
    spy.size = 100;
    expect(readWhole(f)!.bytes.toString()).toBe('twelve bytes');
    spy.size = 3;
    expect(readWhole(f)!.bytes.toString()).toBe('twelve bytes');
  });

  it('leaves to the stream a file too large, or grown past the limit since it was measured', () => {
    const f = write('large.log', Buffer.alloc(WHOLE_FILE, 0x61));
    expect(readWhole(f)).toBeUndefined();
    spy.size = 10;
    expect(readWhole(f)).toBeUndefined();
  });

  it('never reads (nor blocks on) anything but a regular file', () => {
    expect(readWhole(tmp.dir)).toBeUndefined();
    const fifo = path.join(tmp.dir, 'fifo');
    execFileSync('mkfifo', [fifo]);
    expect(readWhole(fifo)).toBeUndefined();
  });

  it('throws what opening throws, for the caller to record', () => {
    expect(() => readWhole(path.join(tmp.dir, 'nothing-here.log'))).toThrow(expect.objectContaining({ code: 'ENOENT' }));
  });
});
