import { ALPHA, BASE64, BASE64_RUN, DASH, FILE_LABELS, GMAIL_ID, HEX, HEX_RUN, ID_SEP, KEY, LABEL, LOCAL, MAX_ACCOUNT_LENGTH, MAX_ID_HOPS, MESSAGE_ID_KEYS } from '../extract/accounts.js';
import { ESCAPE_LETTERS, WORD } from '../extract/chars.js';
import { FORMAT_OPS } from '../extract/time-format.js';
import { EPOCH_FROM, EPOCH_MS_ABOVE, EPOCH_NS_ABOVE, EPOCH_US_ABOVE, FORMAT_MAX, IN_ZONE, MAX_TIME, MIN_TIME, TIME_RULES, VALUE_LONGEST, ZONE_BYTES, ZONES_MAX } from '../extract/time-rules.js';
import { SEEN_BITS, SEEN_EXACT } from '../summary/accounts-seen.js';
import { SINCE_INCLUSIVE, UNTIL_INCLUSIVE } from '../summary/window.js';
import { ACCOUNT_SLOTS, CLOCK_SLOT, CODE_SLOTS, DATE_SLOT, Kind, MESSAGE_SLOTS, NAMED_TIME_SLOT, SLOT_KEYS, TIME_SLOTS, Type } from './json-line.js';
import * as layout from './kernel-layout.js';
import { UNKNOWN_KEYS } from './unknown.js';
import { ARRAY_SCOPES, CALLERS_HEADS, HIT_KEY, LINE_SCOPES, MESSAGE_KEY, PROGRAM_SCOPES, SCOPE_DEPTH, SCOPE_KEYS, scopeTakesObject, STRING_SCOPES } from '../input/fields.js';
import { JSON_FIRST, JSON_LAST, NONE_WORDS } from '../input/fields.js';
import { MONTH_NAMES, WEEKDAYS, ZONE_ABBREVIATIONS, ZONE_AREAS } from '../extract/time-names.js';

// Room for each month's name and each zone area with its `/` in the kernel's tables.
const MONTH_BYTES = 9;
const AREA_BYTES = 12;
if (MONTH_NAMES.some((m) => m.length > MONTH_BYTES || m.length < 3 || !/^[a-z]+$/.test(m)) || MONTH_NAMES.length !== 12) throw new Error('MONTH_NAMES: twelve lower-case names of 3 to MONTH_BYTES letters');
if (WEEKDAYS.some((d) => !/^[a-z]{3}$/.test(d))) throw new Error('WEEKDAYS: three lower-case letters each');
if (ZONE_AREAS.some((a) => a.length + 1 >= AREA_BYTES || !/^[A-Za-z]+$/.test(a))) throw new Error('ZONE_AREAS: letters, with their `/` shorter than AREA_BYTES');
if (Object.keys(ZONE_ABBREVIATIONS).some((z) => !/^[A-Z]{3,4}$/.test(z))) throw new Error('ZONE_ABBREVIATIONS: three or four capitals each');
/** Each word's latin1 bytes, then zeros to `room` bytes. */
const padded = (words: readonly string[], room: number): number[] => words.flatMap((w) => Array.from(Buffer.concat([Buffer.from(w, 'latin1'), Buffer.alloc(room - w.length)])));
// Room for each word of NONE_WORDS in the kernel's table.
const NONE_WORD_BYTES = 24;
if (NONE_WORDS.some((w) => w.length >= NONE_WORD_BYTES || w !== w.toLowerCase() || !/^[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?$/.test(w))) throw new Error('NONE_WORDS: lower-case printable ASCII, trimmed, shorter than NONE_WORD_BYTES');
import { EXCEPTION_NAME_LONGEST, RECORD_BYTES_MAX, RECORD_LINES_MAX, TRACE_GAP_MS } from '../model/record.js';
import { DATE_ORDER_EITHER, DATE_ORDER_OTHER } from '../model/stats.js';
import { CSV_QUOTE } from '../input/csv-split.js';

/** Where the build writes kernelSource() (see scripts/generate-kernel.mjs). */
export const GENERATED_PATH = 'src/wasm/generated.ts';

/** Character class bits of the kernel's byte table, as the kernel tests them. */
const C_ALPHA = 1;
const C_LOCAL = 2;
const C_WORD = 4;
const C_DOMAIN = 8;
const C_KEY_END = 16;
const C_HEX = 32;
const C_BASE64 = 64;
const C_ID_SEP = 128;

const int = (name: string, value: number, type = 'i32'): string => `export const ${name}: ${type} = ${value};`;
/** The code points trim() takes off (JavaScript's white space and line ends), from the language itself. */
const TRIM_SPACES = Array.from({ length: 0x10000 }, (_, u) => u).filter((u) => (u < 0xd800 || u > 0xdfff) && String.fromCharCode(u).trim() === '');
const bytes = (values: ArrayLike<number>, per = 32): string => {
  const rows: string[] = [];
  for (let i = 0; i < values.length; i += per) rows.push(`  ${Array.from(values).slice(i, i + per).join(', ')},`);
  return rows.join('\n');
};

/** The hit key, which the kernel finds at a line's underscores: it must start with one. */
function hitKey(): string {
  if (!HIT_KEY.startsWith('_') || !/^[\x21-\x7e]+$/.test(HIT_KEY) || HIT_KEY.includes('"')) throw new Error(`HIT_KEY ${HIT_KEY}: the kernel looks for it at underscores`);
  return HIT_KEY;
}

/** Per byte: the classes the kernel tests, from the rules' own tables. */
function classes(): Uint8Array {
  const t = new Uint8Array(256);
  const keyEnds = new Set(UNKNOWN_KEYS.flatMap((k) => [k.charCodeAt(k.length - 1), k.toUpperCase().charCodeAt(k.length - 1)]));
  for (let c = 0; c < 256; c++) {
    t[c] = (ALPHA[c] === 1 ? C_ALPHA : 0) | (LOCAL[c] === 1 ? C_LOCAL : 0) | (WORD[c] === 1 ? C_WORD : 0) | (LABEL[c] === 1 || c === DASH ? C_DOMAIN : 0);
    if (keyEnds.has(c)) t[c]! |= C_KEY_END;
    t[c]! |= (HEX[c] === 1 ? C_HEX : 0) | (BASE64[c] === 1 ? C_BASE64 : 0) | (ID_SEP[c] === 1 ? C_ID_SEP : 0);
    // A Message-ID key's characters are the word and domain classes together; the kernel tests them so.
    if (KEY[c] !== (WORD[c]! | LABEL[c]! | (c === DASH ? 1 : 0))) throw new Error(`key class differs at ${c}`);
  }
  return t;
}

/** One byte per ASCII character: 1 when a JSON text may start with it, 2 when it may end with it. */
function jsonEdges(): number[] {
  const t = new Array<number>(128).fill(0);
  for (const c of JSON_FIRST) t[c.charCodeAt(0)]! |= 1;
  for (const c of JSON_LAST) t[c.charCodeAt(0)]! |= 2;
  return t;
}

/**
 * A class of bytes as two 16-byte tables, by low and by high nibble, whose AND is non-zero exactly for the
 * class's bytes: the kernel tests 16 bytes at a time with two swizzles. Each high nibble's set of low nibbles
 * gets a bit of its own (at most 8 sets), and the build fails when a class cannot be told so exactly.
 */
export function nibbleTables(table: Uint8Array, bit: number): number[] {
  const lo = new Array<number>(16).fill(0);
  const hi = new Array<number>(16).fill(0);
  const sets = new Map<number, number>();
  for (let h = 0; h < 16; h++) {
    let set = 0;
    for (let l = 0; l < 16; l++) if ((table[(h << 4) | l]! & bit) !== 0) set |= 1 << l;
    if (set === 0) continue;
    if (!sets.has(set)) sets.set(set, 1 << sets.size);
    hi[h] = sets.get(set)!;
    for (let l = 0; l < 16; l++) if ((set & (1 << l)) !== 0) lo[l]! |= hi[h]!;
  }
  if (sets.size > 8) throw new Error(`class ${bit} needs ${sets.size} nibble sets`);
  for (let c = 0; c < 256; c++) if (((lo[c & 15]! & hi[c >> 4]!) !== 0) !== ((table[c]! & bit) !== 0)) throw new Error(`class ${bit} differs at ${c}`);
  return [...lo, ...hi];
}

/** Per key length up to KEY_LONGEST: the mask of the watched slots whose key has that length (an empty key: none watched). */
function keyMasks(keys: readonly Buffer[]): number[] {
  const masks = new Array<number>(layout.KEY_LONGEST + 1).fill(0);
  keys.forEach((k, slot) => {
    if (k.length > layout.KEY_LONGEST) throw new Error(`watched key ${k.toString()} is longer than ${layout.KEY_LONGEST} bytes`);
    if (k.length > 0) masks[k.length]! |= 1 << slot;
  });
  return masks;
}

/** Named offsets of a layout record (`{ words: 8, start: 0 }` → `PREFIX_WORDS`, `PREFIX_START`). */
function record(prefix: string, r: Readonly<Record<string, number>>): string[] {
  return Object.entries(r).map(([k, v]) => int(`${prefix}_${k.toUpperCase()}`, v));
}

/** The AssemblyScript source of src/wasm/generated.ts: every rule's data the kernel needs, from its home in src/. */
export function kernelSource(): string {
  const keys = SLOT_KEYS.map((k) => Buffer.from(k, 'latin1'));
  const at: number[] = [];
  keys.reduce((o, k) => (at.push(o), o + k.length), 0);
  const unknown = UNKNOWN_KEYS.map((k) => Buffer.from(k, 'latin1'));
  const unknownAt: number[] = [];
  unknown.reduce((o, k) => (unknownAt.push(o), o + k.length), 0);
  const unknownTails = [...new Set(unknown.filter((k) => k.length >= 4).map((k) => k.readUInt32LE(k.length - 4)))];
  const foldedTails = [...new Set(unknownTails.map((t) => (t | 0x20202020) >>> 0))];
  const idKeys = MESSAGE_ID_KEYS.map((k) => Buffer.from(k, 'latin1'));
  const idKeyAt: number[] = [];
  idKeys.reduce((o, k) => (idKeyAt.push(o), o + k.length), 0);
  // Quoted, as the byte search for a scope finds them (src/wasm/json-array.ts holdsScope).
  const scopeKeys = SCOPE_KEYS.map((k) => Buffer.from(`"${k}"`, 'latin1'));
  // The kernel keeps the scope keys met in an object as a u32 mask, tells them by a mask per length below 32, and ranks a scope by its keys' indexes in base 32 (src/wasm/json-scopes.ts).
  if (SCOPE_KEYS.length > 31 || SCOPE_KEYS.some((k) => k.length >= 32) || SCOPE_DEPTH > 4) throw new Error('at most 31 scope keys of under 32 bytes, 4 levels of scopes');
  const callerHeads = CALLERS_HEADS.map((h) => Buffer.from(h, 'latin1'));
  const lines = [
    '// GENERATED by scripts/generate-kernel.mjs (src/fast/kernel-source.ts) at build time: do not edit.',
    '// From src/fast/kernel-layout.ts (limits, memory layout), src/fast/json-line.ts (watched fields, from',
    '// src/extract/record.ts and accounts.ts), src/extract/chars.ts and accounts.ts (character classes),',
    '// src/fast/unknown.ts (unknown-code keys), src/extract/time-rules.ts (times) and src/summary/window.ts',
    '// (the window\'s bounds).',
    '',
    '// Limits and layout (src/fast/kernel-layout.ts).',
    int('TEXT_OUT_WORDS', layout.TEXT_OUT_WORDS),
    int('TEXT_OUT_MARGIN', layout.TEXT_OUT_MARGIN),
    ...record('TEXT_HEAD', layout.TEXT_HEAD),
    int('RECORD_START_CODES', layout.RECORD_START_CODES),
    int('RECORD_LINES_MAX', RECORD_LINES_MAX),
    int('RECORD_BYTES_MAX', RECORD_BYTES_MAX),
    int('EXCEPTION_NAME_LONGEST', EXCEPTION_NAME_LONGEST),
    int('TRACE_GAP_MS', TRACE_GAP_MS),
    int('DATE_ORDER_OTHER', DATE_ORDER_OTHER),
    int('DATE_ORDER_EITHER', DATE_ORDER_EITHER),
    ...record('JSONL_HEAD', layout.JSONL_HEAD),
    ...record('ARRAY_HEAD', layout.ARRAY_HEAD),
    int('J_CALLER', layout.JsonlKind.Caller),
    int('J_FIELD', layout.JsonlKind.Field),
    int('J_TEXT', layout.JsonlKind.Text),
    int('J_MIXED', layout.JsonlKind.Mixed),
    int('TIMES_MAX', layout.TIMES_MAX),
    int('MAX_EMAILS', layout.MAX_EMAILS),
    int('MET_MAX', layout.MET_MAX),
    ...record('EMAIL', layout.EMAIL),
    ...record('FIELD', layout.FIELD),
    int('KEY_LONGEST', layout.KEY_LONGEST),
    ...record('CATALOG', layout.CATALOG),
    int('MAX_DEPTH', layout.MAX_DEPTH),
    int('BUCKETS_MAX', layout.BUCKETS_MAX),
    ...record('BUCKET', layout.BUCKET),
    int('COUNT_CODES_MAX', layout.COUNT_CODES_MAX),
    ...record('COUNT', layout.COUNT),
    int('ACCOUNT_TABLE_SLOTS', layout.ACCOUNT_TABLE_SLOTS, 'u32'),
    int('ACCOUNT_IDS', layout.ACCOUNT_IDS),
    int('ARENA_BYTES', layout.ARENA_BYTES, 'u32'),
    int('ACCOUNT_LENGTH_BITS', layout.ACCOUNT_LENGTH_BITS, 'u32'),
    int('SEEN_SLOTS', layout.SEEN_SLOTS, 'u32'),
    int('SEEN_MEMO_SLOTS', layout.SEEN_MEMO_SLOTS, 'u32'),
    int('CSV_FIELDS', layout.CSV_FIELDS),
    int('CSV_COLUMNS', layout.CSV_COLUMNS),
    ...record('CSV_COLS', layout.CSV_COLS),
    ...record('CSV_STATE', layout.CSV_STATE),
    int('CSV_LEFT_MAX', layout.CSV_LEFT_MAX),
    ...record('CSV_LEFT', layout.CSV_LEFT),
    int('CSV_UNKNOWNS', layout.CSV_UNKNOWNS),
    int('CSV_UNKNOWN_BYTES', layout.CSV_UNKNOWN_BYTES),
    `// A CSV record's quote (src/input/csv-split.ts): the delimiter is the caller's (csvReset).`,
    int('CSV_QUOTE', CSV_QUOTE, 'u32'),
    '',
    '// Accounts seen (src/summary/accounts-seen.ts).',
    int('SEEN_EXACT', SEEN_EXACT),
    int('SEEN_BITS', SEEN_BITS, 'u32'),
    '',
    '// Kinds of a line and types of a watched value (src/fast/json-line.ts).',
    int('UNSURE', Kind.Unsure),
    int('VALUE', Kind.Value),
    int('OBJECT', Kind.Object),
    int('TEXT', Kind.Text),
    '// A JSON text\'s first (1) and last (2) characters, by ASCII byte (src/input/fields.ts JSON_FIRST, JSON_LAST).',
    `export const JSON_EDGES: usize = memory.data<u8>([${jsonEdges().join(', ')}]);`,
    int('T_STRING', Type.String, 'u8'),
    int('T_NUMBER', Type.Number, 'u8'),
    int('T_OTHER', Type.Other, 'u8'),
    int('T_OBJECT', Type.Object, 'u8'),
    '',
    `// Watched top-level keys, in slot order: ${SLOT_KEYS.join(' ')} (then --time-field's, see NAMED_TIME_SLOT).`,
    int('SLOTS', SLOT_KEYS.length),
    int('NAMED_TIME_SLOT', NAMED_TIME_SLOT),
    int('CODE_SLOT_FIRST', CODE_SLOTS[0]!),
    int('CODE_SLOT_END', CODE_SLOTS[0]! + CODE_SLOTS.length),
    int('TIME_SLOT_FIRST', TIME_SLOTS[0]!),
    int('TIME_SLOT_END', TIME_SLOTS[0]! + TIME_SLOTS.length),
    int('DATE_SLOT', DATE_SLOT),
    int('CLOCK_SLOT', CLOCK_SLOT),
    int('ACCOUNT_SLOT_FIRST', ACCOUNT_SLOTS[0]!),
    int('ACCOUNT_SLOT_END', ACCOUNT_SLOTS[0]! + ACCOUNT_SLOTS.length),
    int('MESSAGE_SLOT_FIRST', MESSAGE_SLOTS[0]!),
    int('MESSAGE_SLOT_END', MESSAGE_SLOTS[0]! + MESSAGE_SLOTS.length),
    `export const KEYS: usize = memory.data<u8>([\n${bytes(Buffer.concat(keys))}\n]);`,
    `export const KEY_AT: usize = memory.data<i32>([${at.join(', ')}]);`,
    `export const KEY_LEN: usize = memory.data<i32>([${keys.map((k) => k.length).join(', ')}]);`,
    '// Per key length: the mask of the slots whose key has it (the kernel changes it when the caller sets a key).',
    `export const KEY_MASKS: usize = memory.data<u32>([\n${bytes(keyMasks(keys), 16)}\n]);`,
    '',
    `// Keys whose code-shaped values are unknown codes (lower-cased): ${UNKNOWN_KEYS.join(' ')}.`,
    int('UNKNOWN_KEY_COUNT', unknown.length),
    `export const UNKNOWN_KEYS: usize = memory.data<u8>([${Array.from(Buffer.concat(unknown)).join(', ')}]);`,
    `export const UNKNOWN_KEY_AT: usize = memory.data<i32>([${unknownAt.join(', ')}]);`,
    `export const UNKNOWN_KEY_LEN: usize = memory.data<i32>([${unknown.map((k) => k.length).join(', ')}]);`,
    '// Whether one of those keys is shorter than four bytes, and their distinct last four bytes (little-endian),',
    '// each byte OR 0x20 (a letter and its other case agree so): four bytes whose OR is none ends no key.',
    `export const UNKNOWN_SHORT_KEY: bool = ${unknown.some((k) => k.length < 4)};`,
    `@inline export function foldedKeyTail(t: u32): bool { return ${foldedTails.map((t) => `t == ${t}`).join(' || ') || 'false'}; }`,
    '',
    '// Character classes, one byte per character (src/extract/chars.ts, accounts.ts): letter, e-mail local',
    '// part, word ([A-Za-z0-9_]), domain label, the last byte of an unknown-code key (any case), hex digit,',
    '// base64, what may stand between a Message-ID key and its `<`.',
    int('C_ALPHA', C_ALPHA, 'u8'),
    int('C_LOCAL', C_LOCAL, 'u8'),
    int('C_WORD', C_WORD, 'u8'),
    int('C_DOMAIN', C_DOMAIN, 'u8'),
    int('C_KEY_END', C_KEY_END, 'u8'),
    int('C_HEX', C_HEX, 'u8'),
    int('C_BASE64', C_BASE64, 'u8'),
    int('C_ID_SEP', C_ID_SEP, 'u8'),
    `export const CLASSES: usize = memory.data<u8>([\n${bytes(classes())}\n]);`,
    '// The same classes as nibble tables (low nibble, then high nibble), for 16 bytes at a time.',
    `export const NIBBLES_LOCAL: usize = memory.data<u8>([${nibbleTables(classes(), C_LOCAL).join(', ')}], 16);`,
    `export const NIBBLES_DOMAIN: usize = memory.data<u8>([${nibbleTables(classes(), C_DOMAIN).join(', ')}], 16);`,
    `export const NIBBLES_WORD: usize = memory.data<u8>([${nibbleTables(classes(), C_WORD).join(', ')}], 16);`,
    `export const NIBBLES_HEX: usize = memory.data<u8>([${nibbleTables(classes(), C_HEX).join(', ')}], 16);`,
    `export const NIBBLES_ALPHA: usize = memory.data<u8>([${nibbleTables(classes(), C_ALPHA).join(', ')}], 16);`,
    '',
    '// Accounts (src/extract/accounts.ts) and field times (src/extract/time-rules.ts).',
    int('MAX_ACCOUNT_LENGTH', MAX_ACCOUNT_LENGTH, 'usize'),
    `// A domain's last labels that are a file's extension (src/extract/accounts.ts FILE_LABELS): each as a little-endian u32, zeros after it.`,
    int('FILE_LABEL_COUNT', FILE_LABELS.length),
    `export const FILE_LABELS: usize = memory.data<u32>([${FILE_LABELS.map((l) => Buffer.concat([Buffer.from(l, 'latin1'), Buffer.alloc(4 - l.length)]).readUInt32LE(0)).join(', ')}]);`,
    `// Message-IDs (src/extract/accounts.ts isMessageId): keys (lower-cased) ${MESSAGE_ID_KEYS.join(' ')}.`,
    int('ID_KEY_COUNT', idKeys.length),
    `export const ID_KEYS: usize = memory.data<u8>([${Array.from(Buffer.concat(idKeys)).join(', ')}]);`,
    `// A search hit's key (src/input/fields.ts HIT_KEY): JSON lines holding it are the caller's to read.`,
    `export const HIT_KEY: usize = memory.data<u8>([${Array.from(Buffer.from(hitKey(), 'latin1')).join(', ')}]);`,
    int('HIT_KEY_LENGTH', HIT_KEY.length),
    `// How the JSON lines start that are the caller's to read (src/input/fields.ts CALLERS_HEADS: Splunk's export, Docker's, stern's, logcli's), and which bytes may start their first key.`,
    int('CALLER_HEAD_COUNT', callerHeads.length),
    `export const CALLER_HEADS: usize = memory.data<u8>([${Array.from(Buffer.concat(callerHeads)).join(', ')}]);`,
    `export const CALLER_HEAD_AT: usize = memory.data<i32>([${callerHeads.map((_, i) => callerHeads.slice(0, i).reduce((n, k) => n + k.length, 0)).join(', ')}]);`,
    `export const CALLER_HEAD_LEN: usize = memory.data<i32>([${callerHeads.map((k) => k.length).join(', ')}]);`,
    `export const CALLER_HEAD_FIRST: usize = memory.data<u8>([${Array.from({ length: 256 }, (_, c) => (callerHeads.some((h) => h[2] === c) || MESSAGE_KEY.charCodeAt(2) === c ? 1 : 0)).join(', ')}]);`,
    `// How a line of stern -o json --timestamps starts before its time (src/input/fields.ts MESSAGE_KEY, timedMessageLine).`,
    `export const MESSAGE_KEY: usize = memory.data<u8>([${Array.from(Buffer.from(MESSAGE_KEY, 'latin1')).join(', ')}]);`,
    int('MESSAGE_KEY_LENGTH', MESSAGE_KEY.length),
    `// The scopes of an array's element (src/input/fields.ts SCOPE_KEYS), quoted: one that may hold one is the caller's to read.`,
    int('SCOPE_KEY_COUNT', scopeKeys.length),
    `export const SCOPE_KEYS: usize = memory.data<u8>([${Array.from(Buffer.concat(scopeKeys)).join(', ')}]);`,
    `export const SCOPE_KEY_AT: usize = memory.data<i32>([${scopeKeys.map((_, i) => scopeKeys.slice(0, i).reduce((n, k) => n + k.length, 0)).join(', ')}]);`,
    `export const SCOPE_KEY_LEN: usize = memory.data<i32>([${scopeKeys.map((k) => k.length).join(', ')}]);`,
    `// The keys whose string may hold a scope's JSON (src/input/fields.ts STRING_SCOPES), unquoted: a JSON line with one is the caller's.`,
    int('STRING_SCOPE_COUNT', STRING_SCOPES.length),
    `export const STRING_SCOPE_KEYS: usize = memory.data<u8>([${Array.from(Buffer.from(STRING_SCOPES.join(''), 'latin1')).join(', ')}]);`,
    `export const STRING_SCOPE_AT: usize = memory.data<i32>([${STRING_SCOPES.map((_, i) => STRING_SCOPES.slice(0, i).reduce((n, k) => n + k.length, 0)).join(', ')}]);`,
    `export const STRING_SCOPE_LEN: usize = memory.data<i32>([${STRING_SCOPES.map((k) => k.length).join(', ')}]);`,
    `// 1: an object under the key is an element's scope (src/input/fields.ts scopeTakesObject); 2 more: a JSON line's too (LINE_SCOPES);`,
    `// 4: its values are arrays (ARRAY_SCOPES); 8: its object is the program's (PROGRAM_SCOPES); 16: its string may hold a scope's JSON (STRING_SCOPES).`,
    `export const SCOPE_KEY_OBJECT: usize = memory.data<i32>([${SCOPE_KEYS.map((k) => (scopeTakesObject(k) ? 1 : 0) | (LINE_SCOPES.includes(k) ? 2 : 0) | (ARRAY_SCOPES.includes(k) ? 4 : 0) | (PROGRAM_SCOPES.includes(k) ? 8 : 0) | (STRING_SCOPES.includes(k) ? 16 : 0)).join(', ')}]);`,
    `// How many levels of scopes an element is looked into: the element, its scopes, theirs (src/input/fields.ts SCOPE_DEPTH).`,
    int('SCOPE_DEPTH', SCOPE_DEPTH),
    `// What trim() takes off a string (src/input/fields.ts messageObject trims a string scope's text): JavaScript's white space, by code point.`,
    int('TRIM_SPACE_COUNT', TRIM_SPACES.length),
    `export const TRIM_SPACES: usize = memory.data<i32>([${TRIM_SPACES.join(', ')}]);`,
    `export const ID_KEY_AT: usize = memory.data<i32>([${idKeyAt.join(', ')}]);`,
    `export const ID_KEY_LEN: usize = memory.data<i32>([${idKeys.map((k) => k.length).join(', ')}]);`,
    int('HEX_RUN', HEX_RUN),
    int('BASE64_RUN', BASE64_RUN),
    int('GMAIL_ID', GMAIL_ID, 'usize'),
    int('MAX_ID_HOPS', MAX_ID_HOPS),
    int('MIN_TIME', MIN_TIME, 'i64'),
    int('MAX_TIME', MAX_TIME, 'i64'),
    int('EPOCH_MS_ABOVE', EPOCH_MS_ABOVE, 'i64'),
    int('EPOCH_US_ABOVE', EPOCH_US_ABOVE, 'i64'),
    int('EPOCH_NS_ABOVE', EPOCH_NS_ABOVE, 'i64'),
    int('EPOCH_FROM', EPOCH_FROM, 'i64'),
    int('VALUE_LONGEST', VALUE_LONGEST, 'usize'),
    int('IN_ZONE', IN_ZONE),
    `// Words for a missing value (src/input/fields.ts NONE_WORDS), lower-case, each in NONE_WORD_BYTES (zeros after it).`,
    int('NONE_WORD_COUNT', NONE_WORDS.length),
    int('NONE_WORD_BYTES', NONE_WORD_BYTES, 'usize'),
    `// Bit n: a word of NONE_WORDS is n bytes long (most values are no word's length: one test).`,
    int('NONE_WORD_LENGTHS', NONE_WORDS.reduce((m, w) => m | (1 << w.length), 0) >>> 0, 'u32'),
    `export const NONE_WORDS: usize = memory.data<u8>([${padded(NONE_WORDS, NONE_WORD_BYTES).join(', ')}]);`,
    '',
    `// The letters that end a one-letter escape (src/extract/chars.ts ESCAPE_LETTERS): a code may follow one.`,
    `@inline export function isEscapeLetter(c: u32): bool { return ${[...ESCAPE_LETTERS].map((ch) => `c == ${ch.charCodeAt(0)}`).join(' || ')}; }`,
    '',
    '// The English names the time forms read (src/extract/time-names.ts): each name in its bytes, zeros after it.',
    int('MONTH_BYTES', MONTH_BYTES, 'usize'),
    `export const MONTHS: usize = memory.data<u8>([${padded(MONTH_NAMES, MONTH_BYTES).join(', ')}]);`,
    `@inline export function isWeekday(w: u32): bool { return ${WEEKDAYS.map((d) => `w == 0x${Buffer.from(d, 'latin1').toString('hex')}`).join(' || ')}; }`,
    int('AREA_COUNT', ZONE_AREAS.length),
    int('AREA_BYTES', AREA_BYTES, 'usize'),
    `export const AREAS: usize = memory.data<u8>([${padded(ZONE_AREAS.map((a) => `${a}/`), AREA_BYTES).join(', ')}]);`,
    // Each abbreviation as a little-endian u32 of its bytes (zeros after them), its offset in minutes beside it.
    int('ZONE_ABBR_COUNT', Object.keys(ZONE_ABBREVIATIONS).length),
    `export const ZONE_ABBRS: usize = memory.data<u32>([${Object.keys(ZONE_ABBREVIATIONS).map((z) => Buffer.concat([Buffer.from(z, 'latin1'), Buffer.alloc(4 - z.length)]).readUInt32LE(0)).join(', ')}]);`,
    `export const ZONE_ABBR_OFFSETS: usize = memory.data<i32>([${Object.values(ZONE_ABBREVIATIONS).join(', ')}]);`,
    '',
    '// How times are read (src/extract/time-rules.ts, time-format.ts): the rules the caller writes, the pattern\'s steps.',
    int('TIME_RULES_BYTES', TIME_RULES.bytes),
    int('RULES_SLASH_DMY', TIME_RULES.slashDmy, 'usize'),
    int('RULES_DOT_DMY', TIME_RULES.dotDmy, 'usize'),
    int('RULES_LAST_MONTH', TIME_RULES.lastMonth, 'usize'),
    int('RULES_ORDER_GIVEN', TIME_RULES.orderGiven, 'usize'),
    int('RULES_YEAR', TIME_RULES.year, 'usize'),
    int('RULES_ZONES', TIME_RULES.zones, 'usize'),
    int('RULES_FORMAT_LEN', TIME_RULES.formatLen, 'usize'),
    int('ZONE_BYTES', ZONE_BYTES),
    int('ZONES_MAX', ZONES_MAX),
    int('FORMAT_MAX', FORMAT_MAX),
    ...Object.entries(FORMAT_OPS).map(([k, v]) => int(`F_${k}`, v)),
    '',
    '// The window: which of its bounds are in it (src/summary/window.ts).',
    `export const SINCE_INCLUSIVE: bool = ${SINCE_INCLUSIVE};`,
    `export const UNTIL_INCLUSIVE: bool = ${UNTIL_INCLUSIVE};`,
    '',
  ];
  return lines.join('\n');
}
