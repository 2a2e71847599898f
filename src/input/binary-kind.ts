// What a binary input is, told by its first bytes, so that the line saying it is skipped also says how to
// scan what it holds: an Excel workbook saved as CSV, an archive extracted, a journal read by journalctl.
// Such an input is binary whether or not a NUL is among its first bytes.

/** Each kind: its magic bytes at the start, an optional test on the first bytes, and what to do. */
const KINDS: readonly { magic: readonly number[]; holds?: (head: Buffer) => boolean; what: string }[] = [
  { magic: [0x50, 0x4b, 0x03, 0x04], holds: (h) => h.includes('xl/'), what: 'an Excel workbook (save it as CSV and scan that)' },
  { magic: [0x50, 0x4b, 0x03, 0x04], what: 'a zip archive (extract it and scan its files)' },
  { magic: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], what: 'an Office document in the old binary format (an .xls workbook: save it as CSV; an Outlook .msg: save it as text; and scan that)' },
  { magic: [0x45, 0x6c, 0x66, 0x46, 0x69, 0x6c, 0x65, 0x00], what: 'a Windows event log file (.evtx: export it with Get-WinEvent … | Export-Csv and scan that)' },
  { magic: [0x4c, 0x50, 0x4b, 0x53, 0x48, 0x48, 0x52, 0x48], what: 'a systemd journal file (read it with journalctl --file … -o short-iso and scan that)' },
  // `BZh`, the block size's digit, then the first block's magic (π's digits).
  { magic: [0x42, 0x5a, 0x68], holds: (h) => h[3]! >= 0x31 && h[3]! <= 0x39 && h.toString('latin1', 4, 10) === '1AY&SY', what: 'bzip2-compressed (decompress it with bunzip2 and scan that)' },
  { magic: [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], what: 'xz-compressed (decompress it with unxz and scan that)' },
  { magic: [0x28, 0xb5, 0x2f, 0xfd], what: 'zstd-compressed (decompress it with unzstd and scan that)' },
  { magic: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], what: 'a 7-Zip archive (extract it and scan its files)' },
  { magic: [0x53, 0x51, 0x4c, 0x69, 0x74, 0x65, 0x20, 0x66, 0x6f, 0x72, 0x6d, 0x61, 0x74, 0x20, 0x33, 0x00], what: 'an SQLite database (export its table as CSV and scan that)' },
  { magic: [0x25, 0x50, 0x44, 0x46, 0x2d], what: 'a PDF document (export the log as text or CSV and scan that)' },
];

/** The kinds' first bytes: most inputs start with none of them (a digit, a letter, `{`), and are told at once. */
const FIRST = new Set(KINDS.map((k) => k.magic[0]!));

/** `ustar` at byte 257: a tar archive (its members' headers hold only NULs and text; a member may be compressed). */
const TAR_MAGIC = [0x75, 0x73, 0x74, 0x61, 0x72];

/**
 * What the binary input whose first bytes are `head` is, and how to scan it, when its magic bytes tell (a tar
 * archive's at byte 257), or when they are all NULs past the first SNIFF_BYTES (a sparse file, `lastlog`:
 * read whole it may be hundreds of GB of NULs); else undefined.
 */
export function binaryKind(head: Uint8Array): string | undefined {
  if (head.length > 261 && TAR_MAGIC.every((m, i) => head[257 + i] === m)) return 'a tar archive (extract it and scan its files)';
  if (head.length > SNIFF_BYTES && head[0] === 0 && nulRunEnd(head) === head.length) {
    return `NUL bytes only in its first ${head.length >= 1 << 20 ? 'MiB' : `${head.length} bytes`} (a sparse file such as lastlog, or a log copytruncate left long before its new lines: scan those with tail -c)`;
  }
  if (head.length === 0 || !FIRST.has(head[0]!)) return undefined;
  const b = Buffer.from(head.buffer, head.byteOffset, Math.min(head.length, 8192));
  for (const k of KINDS) {
    if (k.magic.every((m, i) => b[i] === m) && (k.holds === undefined || k.holds(b))) return k.what;
  }
  return undefined;
}

/** Where the run of NULs at head's start ends (head.length: all of it is NULs). */
function nulRunEnd(head: Uint8Array): number {
  const h = Buffer.from(head.buffer, head.byteOffset, head.length);
  // Whole pieces are compared with NULs at memcmp's speed; the piece that holds another byte, byte by byte.
  let i = 0;
  while (i < h.length) {
    const n = Math.min(h.length - i, ZEROS.length);
    if (!h.subarray(i, i + n).equals(ZEROS.subarray(0, n))) break;
    i += n;
  }
  while (i < h.length && h[i] === 0) i++;
  return i;
}
const ZEROS = Buffer.alloc(65536);

/** Bytes looked at for a NUL (see isBinary), past a run of NULs at the start. */
export const SNIFF_BYTES = 8192;

/**
 * True when the first bytes (SNIFF_BYTES past a run of NULs at the start) hold a NUL and a control byte
 * other than tab, line ends, form feed and ESC: the file is binary and is skipped. NULs among text alone are
 * taken out on the way in (src/input/nul-bytes.ts): a run at the start (what copytruncate leaves before a
 * rotated log's new lines, as long as the log was), one between lines (the blocks a crash left unwritten),
 * padding at the end, every other byte (UTF-16 text of ASCII without a byte-order mark).
 */
export function isBinary(head: Uint8Array): boolean {
  // Buffer's indexOf is memchr: a loop here cost more than reading a small file.
  const first = Buffer.from(head.buffer, head.byteOffset, Math.min(head.length, SNIFF_BYTES)).indexOf(0);
  if (first === -1) return false;
  const s = first === 0 ? nulRunEnd(head) : 0;
  return !textBytes(Buffer.from(head.buffer, head.byteOffset + s, Math.min(head.length - s, SNIFF_BYTES)));
}

/** Are the bytes of h text but for NULs: no control byte but tab, line ends, form feed and ESC? */
function textBytes(h: Buffer): boolean {
  for (let i = 0; i < h.length; i++) {
    const c = h[i]!;
    if (c < 0x20 && c !== 0 && c !== 0x09 && c !== 0x0a && c !== 0x0b && c !== 0x0c && c !== 0x0d && c !== 0x1b) return false;
  }
  return true;
}
