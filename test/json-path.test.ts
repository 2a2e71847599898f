/** The byte-level readings of wrapped exports and dotted fields, on inputs written by hand. */
import { describe, expect, it } from 'vitest';
import { pathValue } from '../src/fast/json-path.js';
import { detectFormat } from '../src/input/detect.js';
import { MORE, NO_RECORDS, RECORDS_PATHS, recordsStart } from '../src/input/json-records.js';

const b = (s: string): Buffer => Buffer.from(s, 'utf8');
const keys = (path: string): Buffer[] => path.split('.').map(b);
/** The value's text at a path, or null / undefined as pathValue says. */
function at(json: string, path: string): string | null | undefined {
  const buf = b(json);
  const v = pathValue(buf, 0, buf.length, keys(path));
  return v === null || v === undefined ? v : buf.toString('utf8', v.start, v.end);
}

describe('pathValue', () => {
  it('finds a nested value, the last of duplicate keys at every level, as JSON.parse does', () => {
    expect(at('{"a":{"b":{"c":"x"}}}', 'a.b.c')).toBe('"x"');
    expect(at('{ "a" : { "c" : 42 } , "z": [1,{"c":1}] }', 'a.c')).toBe('42');
    expect(at('{"a":{"c":"first"},"a":{"c":"second"}}', 'a.c')).toBe('"second"');
    expect(at('{"a":{"c":"x","c":"y"}}', 'a.c')).toBe('"y"');
    // a later `a` without `c` hides the earlier one
    expect(at('{"a":{"c":"x"},"a":{}}', 'a.c')).toBe(null);
  });

  it('null when the path is absent or leads through a value that is no object', () => {
    expect(at('{"a":{"b":1}}', 'a.c')).toBe(null);
    expect(at('{"a":"a.c"}', 'a.c')).toBe(null);
    expect(at('{"a.c":"x"}', 'a.c')).toBe(null); // a key of its own is the kernel's (it watches the name)
    expect(at('{}', 'a.c')).toBe(null);
  });

  it('undefined (left to JSON.parse) for an escaped key or a path through an array', () => {
    expect(at('{"\\u0061":{"c":"x"}}', 'a.c')).toBe(undefined);
    expect(at('{"a":["x",{"c":1}]}', 'a.0')).toBe(undefined);
  });
});

describe('recordsStart', () => {
  const start = (s: string, paths = RECORDS_PATHS): number => recordsStart(b(s), 0, b(s).length, paths);
  it('finds the records array of the known shapes, past other keys and nested values', () => {
    const cw = '{"searchedLogStreams":[{"logStreamName":"a"}],"events":[{"message":"x"}]}';
    expect(start(cw)).toBe(cw.indexOf('"events":[') + 10);
    const es = '{"took":1,"_shards":{"total":1},"hits":{"total":{"value":1,"relation":"eq"},"max_score":null,"hits":[]}}';
    expect(start(es)).toBe(es.indexOf('"hits":[') + 8);
    expect(start('{"result":{"rows":[{"a":1}]}}', ['result.rows'])).toBe(19);
  });

  it('passes over an array of other values, and tells when the object ends or is cut', () => {
    expect(start('{"data":[1,2],"events":[{"a":1}]}')).toBe(24);
    expect(start('{"data":[1,2]}')).toBe(NO_RECORDS);
    expect(start('{"query":"x","result":{"rows":[{"a":1}]}}')).toBe(NO_RECORDS);
    expect(start('{"took":1,"hits":{"hi')).toBe(MORE);
    expect(start('[{"a":1}]')).toBe(NO_RECORDS);
  });
});

describe('detecting a wrapped export', () => {
  it('pretty-printed or on one line: a JSON array; several JSON lines stay JSON lines', () => {
    expect(detectFormat('export.json', b('{\n  "events": [\n    {"message": "x"}\n  ]\n}\n'))).toBe('json');
    expect(detectFormat('-', b('{"hits":{"hits":[{"_source":{}}]}}\n'))).toBe('json');
    expect(detectFormat('a.log', b('{"events":[{"a":1}]}\n{"events":[{"a":2}]}\n'))).toBe('jsonl');
    expect(detectFormat('a.log', b('{"msg":"x","data":[1,2]}\n'))).toBe('jsonl');
    // another shape: plain text unless --records names it
    const other = b('{\n  "result": {"rows": [{"code": "x"}]}\n}\n');
    expect(detectFormat('a.json', other)).toBe('text');
    expect(detectFormat('a.json', other, 'auto', true, { paths: ['result.rows'] })).toBe('json');
  });
});
