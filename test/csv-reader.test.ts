/**
 * The CSV reader (csvRecords) on small inputs: the header is not a record; a record's line is the physical
 * line where it starts (blank lines, quoted line breaks and CRLF counted as a user counts them); a row of
 * the wrong width, a row the parser gives up on and an unclosed quote are malformed and keep their text;
 * over-long lines are skipped and counted at their line; a read error keeps what came before it. Every
 * expected record is written by hand from the input.
 */
import { describe, expect, it } from 'vitest';
import type { RawRecord } from '../src/extract/record.js';
import { csvRecords } from './oracle/csv.js';

async function* source(chunks: readonly string[], fail?: Error): AsyncGenerator<Buffer> {
  for (const c of chunks) yield Buffer.from(c, 'utf8');
  if (fail !== undefined) throw fail;
}

/** A record as `line kind text`, kind `row(code=…)`, `malformed` or `skipped`. */
function show(r: RawRecord): string {
  if (r.skipped === true) return `${r.line} skipped`;
  if (r.malformed === true) return `${r.line} malformed ${JSON.stringify(r.text)}`;
  return `${r.line} row(code=${String(r.fields?.get('code'))}) ${JSON.stringify(r.text)}`;
}

async function records(chunks: readonly string[], max = 1000): Promise<string[]> {
  const out: string[] = [];
  for await (const r of csvRecords(source(chunks), max)) out.push(show(r));
  return out;
}

describe('csvRecords: line numbers', () => {
  it('numbers records by the line they start on, past blank lines and a quoted CRLF, in a CRLF file', async () => {
    // 1 header, 2 blank, 3-4 one record (quoted "x\r\ny"), 5 blank, 6 a record
    expect(await records(['time,code\r\n\r\n1,"x\r\ny"\r\n\r\n2,storage_error\r\n'])).toEqual([
      '3 row(code=x\r\ny) "1,\\"x\\r\\ny\\""',
      '6 row(code=storage_error) "2,storage_error"',
    ]);
  });

  it('takes a blank line written \\r\\n in a file of \\n lines as blank, not as a malformed record', async () => {
    // 1 header, 2 a blank "\r\n" line, 3 a record, 4 another blank one, 5 a record
    expect(await records(['time,code\n\r\n2026-03-11T10:00:00Z,storage_error\n\r\n2,b\n'])).toEqual([
      '3 row(code=storage_error) "2026-03-11T10:00:00Z,storage_error"',
      '5 row(code=b) "2,b"',
    ]);
  });

  it('counts blank lines before the header', async () => {
    expect(await records(['\n\ntime,code\n1,a\n'])).toEqual(['4 row(code=a) "1,a"']);
  });

  it('counts a quoted \\n and several blank lines in an LF file, and reads a last record without a line end', async () => {
    // 1 header, 2-4 one record over three lines, 5 and 6 blank, 7 a record without a newline
    expect(await records(['time,code\n1,"a\nb\nc"\n\n\n2,b'])).toEqual(['2 row(code=a\nb\nc) "1,\\"a\\nb\\nc\\""', '7 row(code=b) "2,b"']);
  });

  it('gives the same records whatever the chunk boundaries', async () => {
    const whole = 'time,code\r\n\r\n1,"x\r\ny"\r\n2,b\r\n';
    const expected = ['3 row(code=x\r\ny) "1,\\"x\\r\\ny\\""', '5 row(code=b) "2,b"'];
    expect(await records(whole.split(''))).toEqual(expected);
    expect(await records([whole.slice(0, 14), whole.slice(14, 20), whole.slice(20)])).toEqual(expected);
  });
});

describe('csvRecords: malformed rows', () => {
  it('takes a row of the wrong width as malformed, with its text, and reads on', async () => {
    expect(await records(['time,code\n3\n4,y,z\n5,ok\n'])).toEqual(['2 malformed "3"', '3 malformed "4,y,z"', '4 row(code=ok) "5,ok"']);
  });

  it('takes a row the parser gives up on as malformed, with its text, at its line', async () => {
    // line 2: a quoted field with text after its closing quote
    expect(await records(['time,code\r\n"1","a"b,c\r\n3,z\r\n'])).toEqual(['2 malformed "\\"1\\",\\"a\\"b,c"', '3 row(code=z) "3,z"']);
  });

  it('takes a quote left open to the end as one malformed record at its line', async () => {
    expect(await records(['time,code\n1,a\n2,"x\nmore\n'])).toEqual(['2 row(code=a) "1,a"', '3 malformed "2,\\"x\\nmore"']);
  });

  it('reads an unclosed quote over many short lines to the end without failing; past the limit it is one skipped record', async () => {
    // limit 10: each line is 9 bytes, the open record grows to 10 lines (over 90 bytes): the limit is on
    // the record, not on its lines
    const body = 'abcdefgh\n'.repeat(10);
    expect(await records(['time,code\n1,"open\n', body], 10)).toEqual(['2 skipped']);
    expect(await records(['time,code\n1,"open\n', body], 1000)).toEqual([`2 malformed ${JSON.stringify(`1,"open\n${body.slice(0, -1)}`)}`]);
  });
});

describe('csvRecords: over-long lines', () => {
  it('skips a line longer than the limit, counts it at its line, and numbers the records after it right', async () => {
    // limit 10: "1,aaaaaaaaaaaaaaa" is 17 bytes
    expect(await records(['time,code\n1,aaaaaaaaaaaaaaa\n2,b\n'], 10)).toEqual(['2 skipped', '3 row(code=b) "2,b"']);
  });

  it('keeps a line of exactly the limit', async () => {
    expect(await records(['time,code\n1,abcdefgh\n'], 10)).toEqual(['2 row(code=abcdefgh) "1,abcdefgh"']);
  });

  it('skips a long line spread over chunks, and records around it', async () => {
    const out = await records(['time,code\n1,a\n2,bbbb', 'bbbbbbbbbb', 'bb\n3,c\n'], 10);
    expect(out.sort()).toEqual(['2 row(code=a) "1,a"', '3 skipped', '4 row(code=c) "3,c"']);
  });
});

describe('csvRecords: long lines over chunks', () => {
  it('counts a long line that spans several chunks as one skipped record, and one after a carried line at its own line', async () => {
    // limit 10: line 2 runs over four chunks; line 3 "2,b" is carried over a chunk end; line 4 is 14 bytes
    expect(await records(['time,code\n1,aaaa', 'aaaaaaaaaaaa', 'aaaaaaaaaaaa', 'a\n2,', 'b\n3,cccccccccccc\n4,d\n'], 10)).toEqual([
      '2 skipped',
      '3 row(code=b) "2,b"',
      '4 skipped',
      '5 row(code=d) "4,d"',
    ]);
  });
});

describe('csvRecords: a read error', () => {
  it('gives the records before it, then raises it; the cut last line is not a record', async () => {
    const fail = new Error('unexpected end of file');
    const seen: string[] = [];
    await expect(
      (async () => {
        for await (const r of csvRecords(source(['time,code\n1,a\n2,b'], fail), 1000)) seen.push(show(r));
      })(),
    ).rejects.toBe(fail);
    expect(seen).toEqual(['2 row(code=a) "1,a"']);
  });

  it('gives nothing for an empty input or a header alone', async () => {
    expect(await records([])).toEqual([]);
    expect(await records(['time,code\n'])).toEqual([]);
  });
});

describe('csvRecords: line ends that mix, and over-long records', () => {
  it('reads LF rows after a CRLF header as rows, each at its line', async () => {
    // Was a bug: the header's CRLF set the record delimiter, and the LF rows became one malformed record
    expect(await records(['time,code\r\n1,storage_error\n2,web_hook_moved\n'])).toEqual([
      '2 row(code=storage_error) "1,storage_error"',
      '3 row(code=web_hook_moved) "2,web_hook_moved"',
    ]);
  });

  it('skips an over-long record whole, however short its lines, and reads the next row', async () => {
    // limit 20: line 2-3 is one record of 34 bytes whose lines are 19 and 14 bytes; line 4 a row
    const text = 'time,code\n1,"aaaaaaaaaaaaaaaa\nstorage_error"\n2,web_hook_moved\n';
    expect(await records([text], 20)).toEqual(['2 skipped', '4 row(code=web_hook_moved) "2,web_hook_moved"']);
    // its second line alone is over the limit: the quote it closes no longer swallows the next row
    const long = 'time,code\n1,"aaaa\nstorage_error bbbbbbbbbbbb"\n2,web_hook_moved\n';
    expect(await records([long], 20)).toEqual(['2 skipped', '4 row(code=web_hook_moved) "2,web_hook_moved"']);
  });

  it('skips a CRLF-ended over-long last row as one record, nothing after it', async () => {
    expect(await records(['time,code\r\n1,aaaaaaaaaaaaaaaaaaaa\r\n'], 10)).toEqual(['2 skipped']);
  });

  it('does not count the \\r of a CRLF line end against the limit', async () => {
    // "1,abcdefgh" is exactly 10 bytes; with its "\r" 11
    expect(await records(['time,code\r\n1,abcdefgh\r\n2,b\r\n'], 10)).toEqual(['2 row(code=abcdefgh) "1,abcdefgh"', '3 row(code=b) "2,b"']);
  });

  it('skips an over-long record spread over many chunks, its quoted line breaks counted', async () => {
    const text = 'time,code\n1,"aaaaaaaaaaaa\nbbbbbbbbbbbb\ncccc"\n2,d\n';
    expect(await records(text.split(''), 20)).toEqual(['2 skipped', '5 row(code=d) "2,d"']);
  });
});
