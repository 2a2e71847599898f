import fs from 'node:fs';
import { once } from 'node:events';
import zlib from 'node:zlib';
import { countsByLevel } from './catalog.mjs';
import { Expect } from './expect.mjs';
import { Rng } from './rng.mjs';
import { CSV_HEADER, ServiceMaker } from './service.mjs';

/** @typedef {import('../generate.mjs').Spec} Spec */
/** @typedef {import('../generate.mjs').Counts} Counts */
/** @typedef {import('./service.mjs').Made} Made */

/**
 * The service-log shapes: how a file starts, how records are joined, how it ends, and about how long a
 * record is (so the clock spans a day at any size).
 * @type {Record<string, { make: (m: ServiceMaker) => Made, head: string, sep: string, tail: string, bytesPerRecord: number, lineCounts: boolean }>}
 */
const SHAPES = {
  mail: { make: (m) => m.mailLine(), head: '', sep: '', tail: '', bytesPerRecord: 190, lineCounts: true },
  kv: { make: (m) => m.kvLine(), head: '', sep: '', tail: '', bytesPerRecord: 240, lineCounts: true },
  snake: { make: (m) => m.snakeJsonLine(), head: '', sep: '', tail: '', bytesPerRecord: 330, lineCounts: true },
  // An event and its share of the JVM's lines (about 1.1 a line of 55 bytes): the clock still spans a day.
  jvm: { make: (m) => m.jvmLine(), head: '', sep: '', tail: '', bytesPerRecord: 390, lineCounts: true },
  csv: { make: (m) => m.csvRow(), head: CSV_HEADER, sep: '', tail: '', bytesPerRecord: 200, lineCounts: false },
  array: { make: (m) => m.arrayElement(), head: '[\n', sep: ',\n', tail: '\n]\n', bytesPerRecord: 330, lineCounts: false },
  yaml: { make: (m) => m.yamlDocument(), head: '', sep: '', tail: '', bytesPerRecord: 640, lineCounts: false },
  gcloud: { make: (m) => m.gcloudElement(), head: '[\n', sep: ',\n', tail: '\n]\n', bytesPerRecord: 760, lineCounts: false },
};

/** Bytes encoded in memory before one write. */
const BATCH_BYTES = 4 * 1024 * 1024;

/** The kinds this file makes. */
export const SHAPED_KINDS = Object.keys(SHAPES);

/**
 * Writes one service-log file (gzip-compressed when `spec.gzip`) through a temporary name, then its
 * counts file with the expected counts over the whole file and inside each window. Memory stays flat:
 * records are encoded into one reused buffer, compressed (when asked) and written as they come.
 * @returns {Promise<Counts>}
 */
export async function generateShaped(/** @type {string} */ file, /** @type {Spec} */ spec, /** @type {string} */ id) {
  const shape = SHAPES[spec.kind];
  if (shape === undefined) throw new Error(`no such corpus kind: ${spec.kind}`);
  const maker = new ServiceMaker(new Rng(spec.seed), spec.target, shape.bytesPerRecord);
  const expect = new Expect();
  const tmp = `${file}.tmp`;
  const sink = spec.gzip === true ? gzipSink(tmp) : spec.utf16 === true ? utf16Sink(tmp) : fileSink(tmp);
  const buf = Buffer.allocUnsafe(BATCH_BYTES);
  let used = 0;
  let expanded = 0;
  let lines = 0;
  let mentionLines = 0;
  let malformed = 0;
  const put = async (/** @type {string} */ s) => {
    if (used + s.length * 3 > buf.length) {
      await sink.write(buf.subarray(0, used));
      expanded += used;
      used = 0;
    }
    used += buf.write(s, used);
    for (let i = s.indexOf('\n'); i !== -1; i = s.indexOf('\n', i + 1)) lines++;
  };
  try {
    await put(shape.head);
    for (let first = true; expanded + used < spec.target; first = false) {
      const rec = shape.make(maker);
      await put(first ? rec.text : shape.sep + rec.text);
      expect.add(rec.ms, rec.codes, rec.continues === true);
      if (rec.mentions) mentionLines++;
      if (rec.malformed === true) malformed++;
    }
    await put(shape.tail);
    await sink.write(buf.subarray(0, used));
    expanded += used;
  } finally {
    await sink.close();
  }
  fs.renameSync(tmp, file);
  /** @type {Counts} */
  const counts = {
    generator: id,
    file: spec.name,
    kind: spec.kind,
    seed: spec.seed,
    target: spec.target,
    bytes: fs.statSync(file).size,
    // What a scan reads: a gzip file's text; a UTF-16 file is read as it is (MB/s of its own bytes, as rg's).
    expandedBytes: spec.utf16 === true ? fs.statSync(file).size : expanded,
    lines,
    records: expect.records,
    malformedRecords: malformed,
    codes: expect.codes,
    byLevel: countsByLevel(expect.codes),
    // rg counts lines; for CSV and JSON arrays a record may span several, so there is no line figure.
    linesMentioningCode: shape.lineCounts ? mentionLines : null,
    windows: expect.windowCounts(),
    features: { ...maker.features },
  };
  fs.writeFileSync(`${file}.counts.json.tmp`, JSON.stringify(counts, null, 2) + '\n');
  fs.renameSync(`${file}.counts.json.tmp`, `${file}.counts.json`);
  return counts;
}

/** Writes straight to a file. */
function fileSink(/** @type {string} */ tmp) {
  const fd = fs.openSync(tmp, 'w');
  return {
    write: async (/** @type {Buffer} */ b) => void fs.writeSync(fd, b),
    close: async () => fs.closeSync(fd),
  };
}

/**
 * Writes UTF-16LE after a byte-order mark, as PowerShell's `>` and Excel's "Unicode Text" do. A batch holds
 * whole records (see put), so no character is cut between two.
 */
function utf16Sink(/** @type {string} */ tmp) {
  const fd = fs.openSync(tmp, 'w');
  fs.writeSync(fd, Buffer.from([0xff, 0xfe]));
  return {
    write: async (/** @type {Buffer} */ b) => void fs.writeSync(fd, Buffer.from(b.toString('utf8'), 'utf16le')),
    close: async () => fs.closeSync(fd),
  };
}

/** Compresses into one gzip member, as `gzip FILE` would, waiting for the compressor when it is full. */
function gzipSink(/** @type {string} */ tmp) {
  const fd = fs.openSync(tmp, 'w');
  const gz = zlib.createGzip({ level: 6 });
  gz.on('data', (/** @type {Buffer} */ chunk) => fs.writeSync(fd, chunk));
  return {
    write: async (/** @type {Buffer} */ b) => {
      // The buffer is reused after this: hand the compressor a copy.
      if (!gz.write(Buffer.from(b))) await once(gz, 'drain');
    },
    close: async () => {
      gz.end();
      await once(gz, 'end');
      fs.closeSync(fd);
    },
  };
}
