import { createReadStream, type Stats } from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type { Delimiter, InputFormat } from '../model/record.js';
import type { FileStat } from '../model/stats.js';
import { gunzip } from './gunzip.js';
import { stripAnsi, stripWrittenColours } from './ansi.js';
import { Peeker, counted, crToLf } from './bytes.js';
import { pipeChunks } from './stdin-drain.js';
import { utf16ToUtf8 } from './utf16.js';
import type { CsvDialect } from './csv-dialect.js';
import { DETECT_BYTES, HOLD_BYTES, detectBom, innerName, rewritten, sniff, type FormatChoice, type SniffOptions, type Sniffed } from './detect.js';
import type { JsonShape } from './json-shape.js';
import { yamlAsJson } from './yaml.js';

/** Something to scan: a file (by display path and real path) or standard input. */
export interface Input {
  /** Relative POSIX path as shown in reports, or "(stdin)". */
  readonly path: string;
  /** Where to read it; undefined for standard input. */
  readonly file?: string;
  /** Read only this byte range of the file (a worker's share of a large file). */
  readonly range?: { readonly start: number; readonly end: number };
  /** The format, already known (the ranges of a split file are read in the format of the whole). */
  readonly format?: InputFormat;
  /** A split CSV file's delimiter, already known (a later range has no head to tell it). */
  readonly delimiter?: Delimiter;
  /** A FIFO or a character device named as an input (`<(zcat logs.gz)`, /dev/stdin): read once, as a stream. */
  readonly pipe?: boolean;
}

export const STDIN_PATH = '(stdin)';

/** An input opened for reading: what was detected, and its content as UTF-8 with `\n` line ends. */
export interface Opened {
  readonly format: InputFormat;
  readonly compressed: boolean;
  readonly encoding: FileStat['encoding'];
  readonly binary: boolean;
  /** For a binary input whose magic bytes tell: what it is, and how to scan it. */
  readonly binaryKind?: string;
  /** Why it is not read (a shape mxscan would misread): its stat says so, as for an input that cannot be read. */
  readonly unread?: string;
  /** For CSV: how its fields are split (told from its decoded first bytes, after any UTF-16 transcoding). */
  readonly dialect?: CsvDialect;
  /** JSON lines behind a collector's head (Sniffed.headed). */
  readonly headed?: true;
  /** Its times are UTC whatever --tz says (Sniffed.utc). */
  readonly utc?: true;
  readonly chunks: AsyncIterable<Buffer>;
  /**
   * Present when the content is the file's own bytes from this offset on (no gzip, no transcoding, no
   * line-end rewriting): a scanner may then read the file itself, straight into its buffer.
   */
  readonly direct?: { readonly file: string; readonly start: number; readonly end?: number };
  /** Stops reading and releases the input (when its content is not wanted). */
  close(): Promise<void>;
}

/** How an input is opened, beyond its format choice. */
export interface OpenOptions extends SniffOptions {
  /** The file's bytes, already read whole (see readWhole): the file is not opened again. */
  readonly whole?: Buffer | undefined;
  /** `--max-line-length`: the longest YAML document held whole (see yamlAsJson). */
  readonly maxLength?: number | undefined;
  /** Bytes a read of the file asks for (default 1 MiB): less for a second look at an input's first records. */
  readonly chunk?: number | undefined;
}

const GZIP_MAGIC = [0x1f, 0x8b];
const CHUNK = 1 << 20;

/**
 * Opens an input: gunzips it when it starts with gzip's magic bytes, strips a byte-order mark, transcodes
 * UTF-16, normalises `\r`-only line ends, takes ANSI escape sequences out of plain text whose first bytes
 * hold one, and detects binary content and the format. Byte counts go to
 * `stat` as the content is read.
 */
export async function openInput(
  input: Input,
  stat: FileStat,
  choice: FormatChoice,
  stdin: NodeJS.ReadableStream | undefined,
  options: OpenOptions = {},
): Promise<Opened> {
  const { whole, maxLength = Infinity, chunk = CHUNK } = options;
  const plain = whole !== undefined && input.file !== undefined ? openWhole(input, input.file, stat, choice, whole, options) : undefined;
  if (plain !== undefined) return plain;
  const raw =
    whole !== undefined
      ? oneChunk(whole)
      : input.file === undefined
      ? stdin !== undefined
        ? asBuffers(stdin)
        : processStdin()
      : createReadStream(input.file, {
          highWaterMark: chunk,
          ...(input.range ? { start: input.range.start, end: input.range.end - 1 } : {}),
        });
  const rawIter = counted(raw, (n) => (stat.bytes += n));
  if (input.range !== undefined && input.range.start > 0 && input.format !== undefined) {
    // A later range of a split file: plain bytes in a known format, starting at a line.
    const chunks = counted(rawIter, (n) => (stat.expandedBytes += n));
    return {
      format: input.format,
      compressed: false,
      encoding: 'utf-8',
      binary: false,
      ...(input.delimiter !== undefined ? { dialect: { delimiter: input.delimiter } } : {}),
      chunks,
      direct: { file: input.file!, start: input.range.start, end: input.range.end },
      close: async () => {
        await rawIter.return(undefined);
        // Never read from when the caller reads the range directly: its file is closed here.
        (raw as Readable).destroy?.();
      },
    };
  }
  const rawPeek = new Peeker(rawIter);
  const magic = await rawPeek.head(2);
  const compressed = magic[0] === GZIP_MAGIC[0] && magic[1] === GZIP_MAGIC[1];
  let content: AsyncIterable<Buffer> = rawPeek.chunks();
  // Piped in, a gzip stream's own file name (gzip keeps it) tells its format as a file's name would.
  let gzipName: string | undefined;
  if (compressed) content = gunzip(content, (name) => (gzipName = name));
  const peek = new Peeker(counted(content, (n) => (stat.expandedBytes += n))[Symbol.asyncIterator]());
  const bom = detectBom(await peek.head(4));
  peek.skip(bom.length);
  let decoded: AsyncIterable<Buffer> = peek.chunks();
  if (bom.encoding !== 'utf-8') decoded = utf16ToUtf8(decoded, bom.encoding);
  const second = new Peeker(decoded[Symbol.asyncIterator]());
  const named = (input.file === undefined || input.pipe === true) && gzipName !== undefined ? path.basename(gzipName) : innerName(input.path);
  const sniffed = await sniffAhead(second, named, input.format ?? choice, options);
  const direct = input.file !== undefined && input.pipe !== true && !compressed && bom.encoding === 'utf-8' && !rewritten(sniffed) ? { file: input.file, start: (input.range?.start ?? 0) + bom.length, ...(input.range ? { end: input.range.end } : {}) } : undefined;
  return openedOf(sniffed, compressed, bom.encoding, rewrite(sniffed, second.chunks(), stat, maxLength, options.shape), direct, async () => {
    await rawIter.return(undefined);
    (raw as Readable).destroy?.();
  });
}

/**
 * openInput for a file read whole whose bytes are its content (no gzip, no UTF-16, no `\r`-only line ends),
 * without a stream: the same detection on the same bytes, what a small file costs beyond its scan kept
 * small. Undefined for any other file, stat untouched (openInput then reads it as a stream).
 */
function openWhole(input: Input, file: string, stat: FileStat, choice: FormatChoice, whole: Buffer, options: SniffOptions): Opened | undefined {
  if (whole[0] === GZIP_MAGIC[0] && whole[1] === GZIP_MAGIC[1]) return undefined;
  const bom = detectBom(whole);
  if (bom.encoding !== 'utf-8') return undefined;
  const content = whole.subarray(bom.length, bom.length + HOLD_BYTES + 1);
  const name = innerName(input.path);
  // As sniffAhead decides on a stream of one chunk: on the head while it holds DETECT_BYTES + 1 bytes, then
  // (or at once, for less) on the whole content.
  let sniffed = content.length > DETECT_BYTES ? sniff(name, content, input.format ?? choice, false, options) : undefined;
  if (sniffed === undefined && content.length <= HOLD_BYTES) sniffed = sniff(name, content, input.format ?? choice, true, options);
  if (sniffed === undefined || rewritten(sniffed)) return undefined;
  stat.bytes += whole.length;
  stat.expandedBytes += whole.length;
  return openedOf(sniffed, false, 'utf-8', oneChunk(whole.subarray(bom.length)), { file, start: bom.length }, closed);
}

/**
 * An input opened: what detection told of it (its format, whether it is binary, why it is not read, its CSV
 * dialect, its collector's heads) and how it is read. One object literal with every field, so that every
 * Opened has one shape (spread in, the optional fields gave the objects of different files shapes of their own).
 */
function openedOf(sniffed: Sniffed, compressed: boolean, encoding: Opened['encoding'], chunks: AsyncIterable<Buffer>, direct: Opened['direct'], close: () => Promise<void>): Opened {
  return {
    format: sniffed.format,
    binary: sniffed.binary,
    binaryKind: sniffed.binaryKind,
    unread: sniffed.unread,
    dialect: sniffed.dialect,
    headed: sniffed.headed === true ? true : undefined,
    utc: sniffed.utc === true ? true : undefined,
    compressed,
    encoding,
    chunks,
    direct,
    close,
  };
}

/**
 * The chunks as they are read (see rewritten): `\r` line ends as `\n`, without ANSI escapes and colours
 * written as text, where the first bytes showed them; YAML documents as a JSON array (lines it skips are
 * counted in `stat`).
 */
function rewrite(sniffed: Sniffed, chunks: AsyncIterable<Buffer>, stat: FileStat, maxLength: number, shape: JsonShape | undefined): AsyncIterable<Buffer> {
  const lines = sniffed.lineEnds === 'cr' ? crToLf(chunks) : chunks;
  const plain = sniffed.ansi === true ? stripAnsi(lines) : lines;
  const uncoloured = sniffed.colours === true ? stripWrittenColours(plain) : plain;
  return sniffed.format === 'yaml' ? yamlAsJson(uncoloured, stat, maxLength, shape) : uncoloured;
}

/** Nothing to release: a file read whole is closed already. */
const closed = (): Promise<void> => Promise.resolve();

/**
 * Reads ahead until the first bytes decide the line ends, the format and binary content: DETECT_BYTES and
 * one more, then further (at most HOLD_BYTES and one more) only while the first line goes on. What was read
 * stays in the peeker, to be read again.
 */
async function sniffAhead(peek: Peeker, name: string, choice: FormatChoice, options: SniffOptions): Promise<Sniffed> {
  for (let want = DETECT_BYTES + 1; ; want = Math.min(2 * want, HOLD_BYTES + 1)) {
    const ahead = await peek.head(want);
    // Only the first HOLD_BYTES + 1 decide, however much was read: the same input, the same reading.
    const head = ahead.subarray(0, HOLD_BYTES + 1);
    const sniffed = sniff(name, head, choice, peek.done && ahead.length === head.length, options);
    if (sniffed !== undefined) return sniffed;
    // sniff decides on the whole input or on HOLD_BYTES + 1 bytes: reading on could not help.
    if (peek.done || head.length > HOLD_BYTES) throw new Error('format detection read its limit without deciding');
  }
}

/**
 * The process's standard input: a pipe read as stdin-drain.ts reads one, anything else through
 * process.stdin; a directory there (`mxscan scan - < logs/`) is an error, not an
 * empty input.
 */
function processStdin(): AsyncIterable<Buffer> {
  let st: Stats | undefined;
  try {
    st = process.getBuiltinModule('node:fs').fstatSync(0);
  } catch {
    // A closed standard input reads as empty, as it does for cat.
  }
  if (st?.isDirectory() === true) throw Object.assign(new Error('standard input is a directory'), { code: 'EISDIR' });
  // A pipe (a FIFO: a shell's `|`) is read ahead of the scan; a file, a terminal or a socket as before.
  return st?.isFIFO() === true ? pipeChunks(() => asBuffers(process.stdin)) : asBuffers(process.stdin);
}

/** Standard input as Buffers (a stream set to an encoding yields strings). */
async function* asBuffers(stream: NodeJS.ReadableStream): AsyncGenerator<Buffer> {
  for await (const chunk of stream) yield typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
}

async function* oneChunk(bytes: Buffer): AsyncGenerator<Buffer> {
  if (bytes.length > 0) yield bytes;
}
