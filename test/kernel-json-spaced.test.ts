/**
 * The kernel's JSON validator reads spaced pairs (`"key": value, "key": value`, as json.dumps and many
 * exporters write them) from the masks as it reads compact ones. Spaced lines, lines that mix both forms
 * and lines spaced in other ways get the verdicts and the fields JSON.parse would give them.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Kind, LineFields, Type, WATCHED } from '../src/fast/json-line.js';
import { objectValue, stringValue } from '../src/fast/json-values.js';
import { TIME_FIELDS } from '../src/model/record.js';
import { Kernel } from '../src/fast/kernels.js';

const k = new Kernel();

/** Validates `text` (its first `end` bytes): the kind, and each watched field as JSON.parse would give it. */
function read(text: string, end?: number): { kind: Kind; fields: Record<string, unknown> } {
  const bytes = Buffer.from(text, 'utf8');
  const buf = k.room(bytes.length);
  bytes.copy(buf);
  const f = new LineFields();
  const kind = k.validate(0, end ?? bytes.length, f);
  const fields: Record<string, unknown> = {};
  if (kind === Kind.Object) {
    WATCHED.forEach((name, slot) => {
      const t = f.type(slot);
      if (t === Type.String) fields[name] = stringValue(buf, f, slot);
      else if (t === Type.Number) fields[name] = Number(buf.toString('latin1', f.start[slot]!, f.end[slot]!));
      else if (t === Type.Other) fields[name] = 'other';
      else if (t === Type.Object) fields[name] = objectValue(buf, f, slot);
    });
  }
  return { kind, fields };
}

describe('spaced pairs', () => {
  it('are an object with the watched fields of compact ones', () => {
    const line = '{"time": "2026-03-18T00:00:00Z", "n": 12, "code": "smime_error", "ok": true, "user": "a@b.io", "datetime": null}';
    expect(read(line)).toEqual({ kind: Kind.Object, fields: { time: '2026-03-18T00:00:00Z', code: 'smime_error', user: 'a@b.io', datetime: 'other' } });
    expect(read('{"a": -1.5e3, "time": 1710756000}')).toEqual({ kind: Kind.Object, fields: { time: 1710756000 } });
    // a time field's object, nested and spaced, is its whole span; a code field's is nothing to read
    const nested = '{"instant": {"epochSecond": 1775553242, "nanoOfSecond": 113000000, "x": {"y": []}}, "code": {"a": 1}, "ts": {}}';
    expect(read(nested)).toEqual({
      kind: Kind.Object,
      fields: { instant: { epochSecond: 1775553242, nanoOfSecond: 113000000, x: { y: [] } }, code: 'other', ts: {} },
    });
  });

  it('mixed with compact ones, or spaced otherwise, are read on token by token', () => {
    expect(read('{"a":1, "code": "x"}')).toEqual({ kind: Kind.Object, fields: { code: 'x' } });
    expect(read('{"a": 1,"code":"x"}')).toEqual({ kind: Kind.Object, fields: { code: 'x' } });
    expect(read('{"a":  1,  "code":  "x" }')).toEqual({ kind: Kind.Object, fields: { code: 'x' } });
    expect(read('{"a" : 1, "code" : "x"}')).toEqual({ kind: Kind.Object, fields: { code: 'x' } });
    expect(read('{"a": "\\"q\\"", "code": "y"}')).toEqual({ kind: Kind.Object, fields: { code: 'y' } });
    expect(read('{"a": {"code": "n"}, "code": "z"}')).toEqual({ kind: Kind.Object, fields: { code: 'z' } });
  });

  it('broken, are never an object', () => {
    for (const l of ['{"a": 01}', '{"a": 1,}', '{"a": 1, }', '{"a": tru}', '{"a": "b"', '{"a": "b" "c": 1}', '{"a": -}', '{"a": 1.}', '{"a": "b",, "c": 1}', '{"a": "b"}}', '{"a": }'])
      expect(read(l).kind, l).toBe(Kind.Unsure);
  });

  it('cut by the end before a value, a key or a `}` are not an object', () => {
    // `{"a": "b", ` is 11 bytes; `{"a": ` 6.
    expect(read('{"a": "b", "c": 1}', 11).kind).toBe(Kind.Unsure);
    expect(read('{"a": "b"}', 6).kind).toBe(Kind.Unsure);
    expect(read('{"a": 1}', 7).kind).toBe(Kind.Unsure);
  });

  it('across a 64-byte block: the space, the value\'s opening quote or the next key\'s at its edge', () => {
    // `{"` then 59 bytes of key (2..60), `"` 61, `:` 62, the space 63 (the block's last byte), the value's `"` 64.
    expect(read(`{"${'k'.repeat(59)}": "v", "code": "c"}`).fields).toEqual({ code: 'c' });
    // The value's opening quote at 63, its closing one at 65.
    expect(read(`{"${'k'.repeat(58)}": "v", "code": "c"}`).fields).toEqual({ code: 'c' });
    // `{"a": "` is 7 bytes, 52 of value (7..58), `"` 59, `,` 60, the space 61, the key's `"` 62, `c` 63, `o` 64.
    expect(read(`{"a": "${'v'.repeat(52)}", "code": "c"}`).fields).toEqual({ code: 'c' });
  });
});

/** Flat objects spaced every way, with escapes, control characters and junk put in anywhere. */
const key = fc.constantFrom('code', 'time', 'datetime', 'user', 'a', 'msg', 'error_code', 'c\\u006fde', 'k'.repeat(20));
const scalar = fc.oneof(
  fc.constantFrom('"x"', '""', '"a\\"b"', '"\\u00e9"', '"tab\\tx"', '"2026-03-18T10:15:00Z"', '"{x"', '" y"', '"é"', `"${'z'.repeat(70)}"`),
  fc.constantFrom('0', '-1', '12.5', '1e3', '1710756000', 'true', 'false', 'null', '01', '-', 'tru', '{}', '[1]', '{"a": 1}'),
);
const gap = fc.constantFrom('', ' ', ' ', ' ', '  ', '\t');
const pairs = fc.array(fc.tuple(key, gap, scalar, gap), { minLength: 1, maxLength: 8 }).map((ps) => `{${ps.map(([kk, g, v, g2], n) => `${n > 0 ? g2 : ''}"${kk}":${g}${v}`).join(',')}}`);
const junked = fc.tuple(pairs, fc.nat(), fc.constantFrom('', '', ' ', ',', '"', '\\', '\x01', '}', ':', '\n')).map(([l, at, j]) => {
  const i = at % (l.length + 1);
  return l.slice(0, i) + j + l.slice(i);
});

/** A string with a backslash in it, followed by its `:`. */
const ESCAPED_KEY = /"(?:[^"\\]|\\.)*\\(?:[^"\\]|\\.)*"\s*:/;

describe('spaced lines every way (property)', () => {
  it('get JSON.parse\'s verdict and fields, and a valid one without an escaped key or a control character is judged', () => {
    fc.assert(
      fc.property(junked, (l) => {
        const { kind, fields } = read(l);
        let parsed: unknown;
        try {
          parsed = JSON.parse(l);
        } catch {
          expect(kind, l).toBe(Kind.Unsure);
          return;
        }
        const object = parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed);
        if (kind === Kind.Unsure) {
          // Left to JSON.parse on purpose: a control character (a `\n` ends a line), an escaped key (it
          // could spell a watched one).
          expect(/[\x00-\x1f]/.test(l) || ESCAPED_KEY.test(l), l).toBe(true);
          return;
        }
        expect(kind, l).toBe(object ? Kind.Object : Kind.Value);
        if (!object) return;
        const p = parsed as Record<string, unknown>;
        const want: Record<string, unknown> = {};
        for (const name of WATCHED) {
          const v = p[name];
          if (v === undefined) continue;
          // A time field's object is its own span (read in JavaScript: `{"$date": …}`); other objects say nothing.
          const timeObject = (TIME_FIELDS as readonly string[]).includes(name) && v !== null && typeof v === 'object' && !Array.isArray(v);
          want[name] = typeof v === 'string' || typeof v === 'number' || timeObject ? v : 'other';
        }
        expect(fields, l).toEqual(want);
      }),
      { numRuns: 3000, seed: 11 },
    );
  });
});
