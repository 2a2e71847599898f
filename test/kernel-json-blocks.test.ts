/**
 * The kernel's JSON validator finds strings from masks of their special bytes (`"`, `\`, control
 * characters) taken 64 bytes at a time, the first block from the first key's opening quote (byte 1 of a
 * line that starts `{"`). Strings, escapes and keys that cross a block's edge, and lines that end before
 * the bytes after them, get the verdicts and the fields JSON.parse would give them.
 */
import { describe, expect, it } from 'vitest';
import { Kind, LineFields, Type, WATCHED } from '../src/fast/json-line.js';
import { Kernel } from '../src/fast/kernels.js';
import { validateText } from './support/kernel-json.js';

const CODE = 0; // `code`
const ERROR_CODE = 1; // `error_code`
// The slots follow WATCHED (src/fast/json-line.ts): code fields, then time fields in TIME_FIELDS' order.
const DATETIME: number = WATCHED.indexOf('datetime');
const REALTIME: number = WATCHED.indexOf('__REALTIME_TIMESTAMP');

/** Validates the first `end` bytes of `text` (all of them by default): the kind and the watched strings. */
function read(text: string, end = text.length): { kind: Kind; strings: Record<number, string>; escaped: number[] } {
  const { kind, fields, buf } = validateText(text, end);
  const strings: Record<number, string> = {};
  const escaped: number[] = [];
  if (kind === Kind.Object) {
    for (let slot = 0; slot < 14; slot++) {
      if (fields.type(slot) !== Type.String) continue;
      strings[slot] = buf.toString('latin1', fields.start[slot]!, fields.end[slot]!);
      if (fields.escaped[slot] === 1) escaped.push(slot);
    }
  }
  return { kind, strings, escaped };
}

describe('strings that cross a 64-byte block', () => {
  it('a value of 200 bytes spans blocks with no special byte in them', () => {
    expect(read(`{"code":"${'x'.repeat(200)}","a":1}`)).toEqual({ kind: Kind.Object, strings: { [CODE]: 'x'.repeat(200) }, escaped: [] });
  });

  it('a key whose closing quote is the block\'s last byte (byte 64)', () => {
    // `{"` then 62 bytes of key (bytes 2..63), its closing quote at 64.
    expect(read(`{"${'k'.repeat(62)}":"v","code":"c"}`)).toEqual({ kind: Kind.Object, strings: { [CODE]: 'c' }, escaped: [] });
  });

  it('a value whose opening quote is the block\'s last byte and whose closing quote is the next block\'s first', () => {
    // `{"`, 60 bytes of key (2..61), `"` 62, `:` 63, the value's `"` 64 (the block's last byte), `z` 65, `"` 66.
    expect(read(`{"${'k'.repeat(60)}":"z","code":"c"}`)).toEqual({ kind: Kind.Object, strings: { [CODE]: 'c' }, escaped: [] });
  });
});

describe('escapes at a block\'s edge', () => {
  // `{"code":"` is 9 bytes: the value starts at byte 9; 55 bytes of `a` fill bytes 9..63.
  const head = `{"code":"${'a'.repeat(55)}`;

  it('a backslash that is the block\'s last byte (64) escapes the quote that starts the next block', () => {
    const r = read(`${head}\\"b"}`);
    expect(r.kind).toBe(Kind.Object);
    expect(r.strings[CODE]).toBe(`${'a'.repeat(55)}\\"b`);
    expect(r.escaped).toEqual([CODE]);
  });

  it('an escaped backslash across the edge (63, 64) leaves the quote at 65 to close the string', () => {
    const r = read(`{"code":"${'a'.repeat(54)}\\\\"}`);
    expect(r.kind).toBe(Kind.Object);
    expect(r.strings[CODE]).toBe(`${'a'.repeat(54)}\\\\`);
    expect(r.escaped).toEqual([CODE]);
  });

  it('a string whose last quote is escaped at the edge never ends: unsure', () => {
    expect(read(`${head}\\"}`).kind).toBe(Kind.Unsure);
  });

  it('a backslash at the edge before a byte that is no escape: unsure', () => {
    expect(read(`${head}\\x"}`).kind).toBe(Kind.Unsure);
  });

  it('a control character in the next block: unsure', () => {
    expect(read(`${head}bb\tb"}`).kind).toBe(Kind.Unsure);
  });
});

describe('a line that ends before the bytes after it', () => {
  it('a string whose closing quote is past the end does not end', () => {
    // `{"a":"b` is 7 bytes; the quote at 7 is past the end.
    expect(read('{"a":"b","c":1}', 7).kind).toBe(Kind.Unsure);
  });

  it('an object whose `}` is past the end is not one', () => {
    expect(read('{"a":"b"}', 8).kind).toBe(Kind.Unsure);
    expect(read('{"a":1}', 6).kind).toBe(Kind.Unsure);
  });

  it('a key whose `:"` is past the end has no value', () => {
    // `{"a"` is 4 bytes.
    expect(read('{"a":"b"}', 4).kind).toBe(Kind.Unsure);
  });

  it('the same bytes whole are an object', () => {
    expect(read('{"a":"b","c":1}').kind).toBe(Kind.Object);
  });
});

describe('compact pairs, then white space: read on from the pair where it comes', () => {
  it('keeps the fields of the pairs before it and finds those after it', () => {
    expect(read('{"a":"b","code":"c", "datetime":"d"}')).toEqual({ kind: Kind.Object, strings: { [CODE]: 'c', [DATETIME]: 'd' }, escaped: [] });
  });

  it('judges a broken pair after compact ones', () => {
    expect(read('{"a":"b","c":1 ,}').kind).toBe(Kind.Unsure);
    expect(read('{"a":"b","c":01}').kind).toBe(Kind.Unsure);
  });
});

describe('watched keys are told from keys that share their first 8 or 16 bytes', () => {
  it('watches error_code and datetime, not error_codx, datetimf or timestamq', () => {
    const line = '{"error_codx":"a","error_code":"b","timestamq":"c","datetimf":"d","datetime":"e"}';
    expect(read(line).strings).toEqual({ [ERROR_CODE]: 'b', [DATETIME]: 'e' });
  });

  it('watches __REALTIME_TIMESTAMP (20 bytes), not __REALTIME_TIMESTAMQ', () => {
    expect(read('{"__REALTIME_TIMESTAMQ":"a","__REALTIME_TIMESTAMP":"b"}').strings).toEqual({ [REALTIME]: 'b' });
  });

  it('watches a code field of 13 bytes the caller sets, not a key with its first 12', () => {
    const k = new Kernel();
    k.watchFields('request_codes', undefined);
    const line = '{"request_codex":"a","request_codeX":"b","request_codes":"c","code":"d"}';
    const bytes = Buffer.from(line, 'latin1');
    bytes.copy(k.room(bytes.length));
    const fields = new LineFields();
    expect(k.validate(0, bytes.length, fields)).toBe(Kind.Object);
    // `request_codes` is bytes 42..54 of the line (keys of 13 bytes each from 2, 22, 42), its value `c` byte 58.
    expect([fields.type(CODE), fields.start[CODE], fields.end[CODE]]).toEqual([Type.String, 58, 59]);
  });
});
