/**
 * Sniffing an input's first bytes: binary (a NUL in the first 8 KiB, not after), the byte-order marks
 * (whole marks only), bare-CR line ends, the name that decides a compressed file's format, and the format
 * from name and content. Each expectation follows from the rule in src/input/detect.ts, worked by hand.
 */
import { describe, expect, it } from 'vitest';
import { SNIFF_BYTES, detectBom, detectFormat, innerName, isBinary, usesBareCr } from '../src/input/detect.js';

const b = (s: string): Buffer => Buffer.from(s, 'utf8');

describe('isBinary', () => {
  it('is true for a NUL anywhere in the first 8 KiB, the first and the last byte of them included', () => {
    expect(isBinary(Buffer.from([0]))).toBe(true);
    const last = Buffer.alloc(SNIFF_BYTES, 0x61);
    last[SNIFF_BYTES - 1] = 0;
    expect(isBinary(last)).toBe(true);
  });

  it('is false for a NUL just after the first 8 KiB, and for text', () => {
    const after = Buffer.alloc(SNIFF_BYTES + 1, 0x61);
    after[SNIFF_BYTES] = 0;
    expect(isBinary(after)).toBe(false);
    expect(isBinary(b('plain text\n'))).toBe(false);
    expect(isBinary(Buffer.alloc(0))).toBe(false);
  });
});

describe('detectBom', () => {
  it('reads each whole mark and its length', () => {
    expect(detectBom(Buffer.from([0xef, 0xbb, 0xbf, 0x61]))).toEqual({ encoding: 'utf-8', length: 3 });
    expect(detectBom(Buffer.from([0xff, 0xfe, 0x61, 0x00]))).toEqual({ encoding: 'utf-16le', length: 2 });
    expect(detectBom(Buffer.from([0xfe, 0xff, 0x00, 0x61]))).toEqual({ encoding: 'utf-16be', length: 2 });
  });

  it('takes a partial or shuffled mark for no mark', () => {
    const none = { encoding: 'utf-8', length: 0 };
    for (const bytes of [
      [0xef, 0xbb, 0x61],
      [0xef, 0x61, 0xbf],
      [0x61, 0xbb, 0xbf],
      [0xff, 0x61],
      [0x61, 0xfe],
      [0xfe, 0x61],
      [0x61, 0xff],
      [0xfe, 0xfe],
      [0xff, 0xff],
      [],
    ]) {
      expect(detectBom(Buffer.from(bytes)), JSON.stringify(bytes)).toEqual(none);
    }
  });
});

describe('usesBareCr', () => {
  it('is true only with a \\r and no \\n', () => {
    expect(usesBareCr(b('a\rb\r'))).toBe(true);
    expect(usesBareCr(b('\r'))).toBe(true);
    expect(usesBareCr(b('a\r\nb'))).toBe(false);
    expect(usesBareCr(b('a\nb\r'))).toBe(false);
    expect(usesBareCr(b('a\nb'))).toBe(false);
    expect(usesBareCr(b('ab'))).toBe(false);
  });
});

describe('innerName', () => {
  it('takes off a final .gz or .gzip in any case, and makes .tgz a .tar', () => {
    expect(innerName('x.jsonl.gz')).toBe('x.jsonl');
    expect(innerName('X.CSV.GZIP')).toBe('X.CSV');
    expect(innerName('a.tgz')).toBe('a.tar');
    expect(innerName('A.TGZ')).toBe('A.tar');
  });

  it('leaves a name alone when gz is not its last extension', () => {
    expect(innerName('a.gz.log')).toBe('a.gz.log');
    expect(innerName('logs.gzipped')).toBe('logs.gzipped');
    expect(innerName('bigz')).toBe('bigz');
  });
});

describe('detectFormat', () => {
  it('returns the chosen format whatever the name and content', () => {
    expect(detectFormat('a.jsonl', b('{"a":1}\n'), 'csv')).toBe('csv');
    expect(detectFormat('a.log', b('x'), 'json')).toBe('json');
  });

  it('goes by the extension first, in any case', () => {
    expect(detectFormat('a.JSONL', b('plain'))).toBe('jsonl');
    expect(detectFormat('a.NDJSON', b('plain'))).toBe('jsonl');
    expect(detectFormat('a.Csv', b('{"a":1}\n'))).toBe('csv');
  });

  it('reads a .json file starting with [ (after white space) as a JSON array, whatever follows', () => {
    expect(detectFormat('a.json', b('  \n[1, 2]'))).toBe('json');
    expect(detectFormat('a.JSON', b('["x"]'))).toBe('json');
  });

  it('reads content starting with an array of objects, or an empty array, as JSON whatever the name', () => {
    expect(detectFormat('a.log', b('[{"a":1}]'))).toBe('json');
    expect(detectFormat('a.log', b('\n  [ \n {"a":1}'))).toBe('json');
    expect(detectFormat('a.log', b('[]'))).toBe('json');
    expect(detectFormat('a.log', b('[ ]'))).toBe('json');
  });

  it('reads an array of other things outside a .json file as text', () => {
    expect(detectFormat('a.log', b('[1, 2]'))).toBe('text');
    expect(detectFormat('a.log', b('[2026-03-11] storage_error'))).toBe('text');
    expect(detectFormat('a.log', b('x [{"a":1}]'))).toBe('text');
  });

  it('reads content whose first non-empty line is a JSON object as JSON lines, a .json file included', () => {
    expect(detectFormat('a.log', b('{"a":1}\nplain'))).toBe('jsonl');
    expect(detectFormat('a.log', b('\n  \n\t{"a":1}  \nplain'))).toBe('jsonl');
    expect(detectFormat('a.json', b('{"a":1}\n{"b":2}\n'))).toBe('jsonl');
    expect(detectFormat('a.log', b('{}'))).toBe('jsonl');
  });

  it('reads as text a first line that is not a whole JSON object', () => {
    expect(detectFormat('a.log', b('plain\n{"a":1}\n'))).toBe('text');
    expect(detectFormat('a.log', b('{not json}\n'))).toBe('text');
    expect(detectFormat('a.log', b('{"a":1} trailing\n'))).toBe('text');
    expect(detectFormat('a.log', b(''))).toBe('text');
    expect(detectFormat('a.log', b('\n\n'))).toBe('text');
  });

  it('does not trust a last line that may be cut when the head is not the whole input', () => {
    expect(detectFormat('a.log', b('{"a":1}'), 'auto', false)).toBe('text');
    expect(detectFormat('a.log', b('{"a":1}'), 'auto', true)).toBe('jsonl');
    expect(detectFormat('a.log', b('{"a":1}'))).toBe('jsonl');
    // the first line is whole (a newline follows it): the cut piece after it does not matter
    expect(detectFormat('a.log', b('{"a":1}\n{"b":'), 'auto', false)).toBe('jsonl');
    expect(detectFormat('a.log', b('\n{"a":1}'), 'auto', false)).toBe('text');
  });
});
