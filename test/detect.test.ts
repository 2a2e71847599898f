/**
 * Sniffing an input's first bytes: binary (a NUL in the first 8 KiB, not after), the byte-order marks
 * (whole marks only), bare-CR line ends, the name that decides a compressed file's format, and the format
 * from name and content. Each expectation follows from the rule in src/input/detect.ts, worked by hand.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DETECT_BYTES, HOLD_BYTES, SNIFF_BYTES, detectBom, detectFormat, innerName, isBinary, lineEnds, sniff } from '../src/input/detect.js';
import { RECORDS_PATHS } from '../src/input/json-records.js';

const b = (s: string): Buffer => Buffer.from(s, 'utf8');

describe('isBinary', () => {
  it('is true for NULs and a control byte but tab, line ends, form feed and ESC (more in test/nul-head.test.ts)', () => {
    expect(isBinary(Buffer.from([0x61, 0x01, 0x02, 0x00, 0x00]))).toBe(true);
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

describe('lineEnds', () => {
  it('counts the line ends: \\r alone must end more lines than \\n and \\r\\n do', () => {
    expect(lineEnds(b('a\rb\r'), true)).toBe('cr');
    expect(lineEnds(b('\r'), true)).toBe('cr');
    expect(lineEnds(b('a\rb\rc\n'), true)).toBe('cr'); // 2 lone CRs, 1 LF
    expect(lineEnds(b('a\r\nb'), true)).toBe('lf');
    expect(lineEnds(b('a\nb\r'), true)).toBe('lf'); // 1 and 1: a tie is \n
    expect(lineEnds(b('a\r\r\nb\r\r\n'), true)).toBe('lf'); // each line ends \r then \r\n: 2 and 2
    expect(lineEnds(b('a storage_error\rb smime_error\nc\r\n'), true)).toBe('lf'); // 1 lone CR, 2 LF
    expect(lineEnds(b('a\nb'), true)).toBe('lf');
    expect(lineEnds(b('ab'), true)).toBe('lf');
    expect(lineEnds(b(''), true)).toBe('lf');
  });

  it('decides 6,553 short \\r-ended lines followed by one \\n inside the first 64 KiB as \\r line ends', () => {
    // Was a bug: the \n inside the first 64 KiB made the whole file one line.
    const bytes = b('ab\r'.repeat(6553) + 'last\n'); // 19,659 + 5 bytes
    expect(lineEnds(bytes, true)).toBe('cr');
    expect(lineEnds(Buffer.concat([bytes, Buffer.alloc(DETECT_BYTES, 0x61)]), false)).toBe('cr');
  });

  it('counts only the first 64 KiB, a \\r at its last byte told by the byte after it', () => {
    const pad = 'x'.repeat(DETECT_BYTES - 1);
    expect(lineEnds(b(pad + '\r\nnext\r'), true)).toBe('lf');
    expect(lineEnds(b(pad + '\ry\nz\n'), true)).toBe('cr'); // the \ns after the first 64 KiB are not counted
    expect(lineEnds(b(pad + '\n' + 'a\r'.repeat(10)), true)).toBe('lf');
    // one lone CR, and a CRLF whose CR is the last byte counted: 1 and 1, a tie
    expect(lineEnds(b('a\r' + 'x'.repeat(DETECT_BYTES - 3) + '\r\n'), true)).toBe('lf');
  });

  it('lets the end of a first line longer than 64 KiB decide, looked for in the first MiB', () => {
    const long = 'x'.repeat(100_000);
    expect(lineEnds(b(long + '\rnext\n'), true)).toBe('cr');
    expect(lineEnds(b(long + '\r\nnext\r'), true)).toBe('lf');
    expect(lineEnds(b(long + '\nnext\r'), true)).toBe('lf');
    // no line end in the first MiB: \n, whatever comes after
    const past = b('x'.repeat(HOLD_BYTES) + '\ra\rb\r');
    expect(lineEnds(past, true)).toBe('lf');
    expect(lineEnds(past.subarray(0, HOLD_BYTES + 1), false)).toBe('lf');
  });

  it('follows the rule as written, byte by byte (an oracle), around the 64 KiB and 1 MiB marks', () => {
    // The rule walked byte by byte: lone CRs against LFs (a CRLF is one LF) in the first 64 KiB, a CR at
    // its last byte told by the next; none there: the first line end in the first MiB; none: \n.
    const oracle = (s: Buffer): string => {
      let cr = 0;
      let lf = 0;
      for (let i = 0; i < Math.min(s.length, DETECT_BYTES); i++) {
        if (s[i] === 0x0d) s[i + 1] === 0x0a ? lf++ : cr++;
        else if (s[i] === 0x0a && s[i - 1] !== 0x0d) lf++;
      }
      if (cr + lf > 0) return cr > lf ? 'cr' : 'lf';
      for (let i = DETECT_BYTES; i < Math.min(s.length, HOLD_BYTES); i++) {
        if (s[i] === 0x0a) return 'lf';
        if (s[i] === 0x0d) return s[i + 1] === 0x0a ? 'lf' : 'cr';
      }
      return 'lf';
    };
    const piece = fc.constantFrom('a', '\r', '\n', '\r\n', 'x'.repeat(4093), 'y'.repeat(65_521), 'z'.repeat(300_000));
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 24 }), (pieces) => {
        const s = b(pieces.join(''));
        expect(lineEnds(s, true)).toBe(oracle(s));
        // read as a head of a longer input: the same, or more bytes asked for
        const cut = s.subarray(0, HOLD_BYTES + 1);
        const got = lineEnds(cut, false);
        if (got !== undefined || cut.length > HOLD_BYTES) expect(got).toBe(oracle(s));
      }),
      { numRuns: 200, seed: 64 },
    );
  });

  it('asks for more bytes only while they could change the answer', () => {
    expect(lineEnds(b('a\rb\r'), false)).toBeUndefined(); // 64 KiB and one more byte are counted
    expect(lineEnds(b('x'.repeat(DETECT_BYTES) + '\r'), false)).toBeUndefined(); // a \r\n or not
    expect(lineEnds(b('x'.repeat(100_000)), false)).toBeUndefined();
    expect(lineEnds(b('x'.repeat(100_000)), true)).toBe('lf');
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

  it('asks for more bytes while the first non-empty line may go on, and decides when it ends', () => {
    expect(detectFormat('a.log', b('{"a":1}'), 'auto', false)).toBeUndefined();
    expect(detectFormat('a.log', b('{"a":1}'), 'auto', true)).toBe('jsonl');
    expect(detectFormat('a.log', b('{"a":1}'))).toBe('jsonl');
    // the first line is whole (a newline follows it): the cut piece after it does not matter
    expect(detectFormat('a.log', b('{"a":1}\n{"b":'), 'auto', false)).toBe('jsonl');
    expect(detectFormat('a.log', b('\n{"a":1}'), 'auto', false)).toBeUndefined();
    expect(detectFormat('a.log', b('  \n '), 'auto', false)).toBeUndefined();
    expect(detectFormat('a.log', b('[ '), 'auto', false)).toBeUndefined();
    // the first character is enough
    expect(detectFormat('a.log', b('plain'), 'auto', false)).toBe('text');
    expect(detectFormat('a.log', b('[ x'), 'auto', false)).toBe('text');
  });

  it('reads a whole first object line of any length up to 1 MiB', () => {
    // Was a bug: a first line of 64 KiB or more was never seen whole and the file was read as text.
    const line = `{"code":"storage_error","msg":"${'x'.repeat(70_000)}"}`;
    expect(detectFormat('a.log', b(line + '\n{"b":2}\n'), 'auto', false)).toBe('jsonl');
    expect(detectFormat('a.log', b(line), 'auto', true)).toBe('jsonl');
    expect(detectFormat('a.log', b(line), 'auto', false)).toBeUndefined();
    expect(detectFormat('a.log', b(line + ' x\n'), 'auto', false)).toBe('text');
  });

  it('judges a first line longer than 1 MiB by its first MiB: the beginning of a JSON object with a key', () => {
    const big = (start: string): Buffer => b(start + 'x'.repeat(HOLD_BYTES)).subarray(0, HOLD_BYTES + 1);
    expect(detectFormat('a.log', big('{"msg":"'), 'auto', false)).toBe('jsonl');
    expect(detectFormat('a.log', big('\n  {"a":[1,{"b":null}],"msg":"'), 'auto', false)).toBe('jsonl');
    // the same bytes as the whole input: the line is still longer than what is held
    expect(detectFormat('a.log', big('{"msg":"'), 'auto', true)).toBe('jsonl');
    // an object, then only spaces as far as the first MiB goes: what comes later is not seen
    expect(detectFormat('a.log', b('{"a":1}' + ' '.repeat(HOLD_BYTES) + 'x'), 'auto', true)).toBe('jsonl');
    expect(detectFormat('a.log', big('{"a":1} '), 'auto', false)).toBe('text');
    expect(detectFormat('a.log', big('{"a":x'), 'auto', false)).toBe('text');
    expect(detectFormat('a.log', b('{' + ' '.repeat(HOLD_BYTES)), 'auto', true)).toBe('text'); // no key
    expect(detectFormat('a.log', big('plain {"a":"'), 'auto', false)).toBe('text');
    expect(detectFormat('a.log', b(' '.repeat(HOLD_BYTES + 1)), 'auto', false)).toBe('text');
  });

  it('leaves out a character cut at the end of what was read', () => {
    // "[" then U+00A0 (white space to JavaScript, bytes C2 A0) cut after C2: not decided yet
    expect(detectFormat('a.log', Buffer.from([0x5b, 0xc2]), 'auto', false)).toBeUndefined();
    expect(detectFormat('a.log', Buffer.from([0x5b, 0xc2, 0xa0, 0x7b]), 'auto', false)).toBe('json');
    // a first line of white space beyond ASCII (U+00A0, U+2028) is skipped as white space
    expect(detectFormat('a.log', b('\u00a0\u2028\n{"a":1}\nplain'), 'auto', false)).toBe('jsonl');
    expect(detectFormat('a.log', b('\u00a0\n[\u00a0\n{"a":1}]'), 'auto', true)).toBe('json');
  });
});

describe('events as pretty JSON objects one after another', () => {
  const event = (m: string): string => JSON.stringify({ instant: { epochSecond: 1775552400 }, level: 'ERROR', message: m }, null, 2);

  it('reads them as JSON: the first over several lines with an event\'s own fields (looked up as an element\'s)', () => {
    expect(detectFormat('a.log', b(`${event('a')}\n${event('b')}\n`))).toBe('json');
    expect(detectFormat('a.log', b(`${event('a')}${event('b')}`))).toBe('json');
    expect(detectFormat('a.log', b(event('a')))).toBe('json');
    // jq '.data[]' of a Datadog response: the time in `attributes`
    expect(detectFormat('a.json', b(JSON.stringify({ id: 'x', attributes: { timestamp: '2026-04-07T09:00:00Z' } }, null, 2)))).toBe('json');
  });

  it('reads them so under a JSON-lines name too (`jq . > events.jsonl`)', () => {
    expect(detectFormat('a.jsonl', b(`${event('a')}\n${event('b')}\n`))).toBe('json');
    expect(detectFormat('a.ndjson', b(`${event('a')}\n`))).toBe('json');
    expect(detectFormat('a.jsonl', b(`${event('a')}\n`), 'auto', false)).toBeUndefined();
    // JSON lines, and a pretty document of another shape, stay JSON lines by the name
    expect(detectFormat('a.jsonl', b('{"level":"e"}\n{"level":"i"}\n'))).toBe('jsonl');
    expect(detectFormat('a.jsonl', b('{\n  "query": "q",\n  "rows": 2\n}\n'))).toBe('jsonl');
  });

  it('leaves other documents plain text, and waits while the first object may go on', () => {
    // another shape: its events in an array of it (--records names it)
    expect(detectFormat('a.json', b('{\n  "query": "q",\n  "result": {"rows": [{"code": "x"}]}\n}\n'))).toBe('text');
    // text after the first object; a first object that is no JSON
    expect(detectFormat('a.log', b(`${event('a')}\nplain text\n`))).toBe('text');
    expect(detectFormat('a.log', b('{\n  "level": oops\n}\n{}'))).toBe('text');
    expect(detectFormat('a.log', b(event('a').slice(0, 30)), 'auto', false)).toBeUndefined();
    expect(detectFormat('a.log', b(event('a').slice(0, 30)), 'auto', true)).toBe('text');
    expect(detectFormat('a.log', b(event('a')), 'auto', false)).toBeUndefined();
  });
});

describe('export pages one per line', () => {
  // A Datadog Logs API response as `jq -c` writes it: no time of its own, its first record has one.
  const page = (ts: string): string => `{"data":[{"id":"a","attributes":{"timestamp":"${ts}","message":"m"}}],"links":{"next":"x"}}`;
  const pages = `${page('2026-04-07T10:20:00Z')}\n${page('2026-04-07T10:21:00Z')}\n`;

  it('reads lines that are pages of an export as wrapped exports, whatever the name', () => {
    expect(detectFormat('a.json', b(pages))).toBe('json');
    expect(detectFormat('a.log', b(pages))).toBe('json');
    expect(detectFormat('a.jsonl', b(pages))).toBe('json');
    expect(detectFormat('a.NDJSON', b(pages))).toBe('json');
    // one page, no line end: a wrapped export (as before) under any name
    expect(detectFormat('a.jsonl', b(page('2026-04-07T10:20:00Z')))).toBe('json');
    // epoch milliseconds are a time too (CloudWatch's events)
    expect(detectFormat('a.json', b('{"events":[{"timestamp":1775556000000,"message":"m"}],"nextToken":"t"}\n{"events":[]}\n'))).toBe('json');
    // a record's time as an object (log4j2's instant in `_source`; GCP's protobuf Timestamp)
    expect(detectFormat('a.jsonl', b('{"took":4,"hits":{"hits":[{"_source":{"instant":{"epochSecond":1775552400,"nanoOfSecond":0}}}]}}\n'))).toBe('json');
    expect(detectFormat('a.jsonl', b('{"entries":[{"timestamp":{"seconds":1775552400,"nanos":0}}],"nextPageToken":"t"}\n'))).toBe('json');
    // Elasticsearch: records two objects down, the time in `_source`
    expect(detectFormat('a.json', b('{"took":1,"hits":{"hits":[{"_source":{"@timestamp":"2026-04-07T10:20:00Z"}}]}}\n{"took":2,"hits":{"hits":[]}}\n'))).toBe('json');
  });

  it('keeps events that carry an array of objects JSON lines: their own time, or none in the first element', () => {
    // an event with its own time and an `items` array of timed objects
    expect(detectFormat('a.json', b('{"time":"2026-04-07T10:20:00Z","items":[{"time":"2026-04-07T10:19:00Z"}]}\n{"time":"2026-04-07T10:21:00Z"}\n'))).toBe('jsonl');
    expect(detectFormat('a.jsonl', b('{"ts":1775556000,"data":[{"timestamp":"2026-04-07T10:19:00Z"}]}\n'))).toBe('jsonl');
    // no time anywhere: an event with a list of things
    expect(detectFormat('a.json', b('{"msg":"batch","items":[{"sku":"a1"},{"sku":"b2"}]}\n{"msg":"next"}\n'))).toBe('jsonl');
    expect(detectFormat('a.jsonl', b('{"msg":"batch","items":[{"sku":"a1"}]}\n'))).toBe('jsonl');
    // any of an event's own fields, whatever its value: a time or code field, a level, a message
    expect(detectFormat('a.jsonl', b('{"time":"-","data":[{"time":"2026-04-07T10:19:00Z"}]}\n'))).toBe('jsonl');
    // winston and structlog without a timestamp: a level, a message, a code
    expect(detectFormat('a.jsonl', b('{"code":"x","results":[{"date":"2026-04-07T09:00:01Z"}],"level":"error","message":"m"}\n{"level":"info"}\n'))).toBe('jsonl');
    expect(detectFormat('a.log', b('{"batch_id":"b","logs":[{"timestamp":"2026-04-07T09:00:00Z"}],"event":"done","level":"warning"}\n{"event":"x"}\n'))).toBe('jsonl');
    expect(detectFormat('a.jsonl', b('{"asctime":"2026-04-07 09:00:00,113","message":"m","entries":[{"time":"2026-04-07T08:59:58Z"}]}\n'))).toBe('jsonl');
    expect(detectFormat('a.jsonl', b('{"actor":"a@b.c","code":"storage_error","items":[{"date":"2026-04-06"}]}\n'))).toBe('jsonl');
    // a time field holding an object is one (`{"$date": …}`, protobuf's Timestamp)
    expect(detectFormat('a.json', b('{"date":{"$date":"2026-04-07T09:00:00Z"},"results":[{"ts":1775552280}]}\n{"a":1}\n'))).toBe('jsonl');
    expect(detectFormat('a.jsonl', b('{"timestamp":{"seconds":1775552400,"nanos":0},"items":[{"time":"2026-04-07T08:59:10Z"}]}\n'))).toBe('jsonl');
    // sorted keys: the array before `level`, `msg` and `time` (logrus, jq -S); the whole first object tells
    expect(detectFormat('a.jsonl', b('{"data":[{"time":"2026-04-07T09:00:00Z"}],"level":"error","msg":"m","time":"2026-04-07T09:30:00Z"}\n'))).toBe('jsonl');
    expect(detectFormat('a.log', b('{\n  "data": [{"time": "2026-04-07T09:00:00Z"}],\n  "level": "error",\n  "msg": "m"\n}\n{\n  "level": "info"\n}'))).toBe('json');
    // a string with a blank or an `@`: prose or an address, an event's (structlog without a level, an audit event)
    expect(detectFormat('a.jsonl', b('{"event":"source sync completed","logs":[{"timestamp":"2026-04-07T09:00:00Z"}]}\n'))).toBe('jsonl');
    expect(detectFormat('a.jsonl', b('{"action":"archive","actor":"ana@contoso.com","items":[{"time":"2026-04-07T09:00:00Z"}]}\n'))).toBe('jsonl');
    // one line, whatever its name or what follows: an event with an array is no export
    expect(detectFormat('a.log', b('{"level":50,"time":1775552400000,"msg":"m","items":[{"ts":1775552390000}]}'))).toBe('jsonl');
    expect(detectFormat('a.log', b('{"level":50,"time":1775552400000,"msg":"m","items":[{"ts":1775552390000}]}\n/app/x.js:412\n'))).toBe('jsonl');
    // records arrays of other things, or none
    expect(detectFormat('a.jsonl', b('{"data":["2026-04-07T10:19:00Z"]}\n'))).toBe('jsonl');
    expect(detectFormat('a.jsonl', b('{"a":1}\n'))).toBe('jsonl');
    expect(detectFormat('a.jsonl', b('[{"a":1}]\n'))).toBe('jsonl');
  });

  it('tells a page by the --time-field, --code-field and --records given', () => {
    // Box's events API pages: `created_at` is no time field (a user's or a ticket's may be when it was made); a
    // time field by another name is one when --time-field names it.
    const box = b('{"chunk_size":2,"entries":[{"type":"event","created_at":"2026-04-07T09:00:00+00:00"}]}\n{"chunk_size":1,"entries":[]}\n');
    expect(detectFormat('a.jsonl', box)).toBe('jsonl');
    expect(detectFormat('a.jsonl', box, 'auto', true, { paths: RECORDS_PATHS, timeField: 'created_at' })).toBe('json');
    const other = b('{"chunk_size":2,"entries":[{"type":"event","occurred":"2026-04-07T09:00:00+00:00"}]}\n{"chunk_size":1,"entries":[]}\n');
    expect(detectFormat('a.jsonl', other)).toBe('jsonl');
    expect(detectFormat('a.jsonl', other, 'auto', true, { paths: RECORDS_PATHS, timeField: 'occurred' })).toBe('json');
    // the field given is the page's own: an event
    const own = b('{"occurred":"2026-04-07T09:00:00Z","entries":[{"occurred":"2026-04-07T08:00:00Z"}]}\n');
    expect(detectFormat('a.jsonl', own, 'auto', true, { paths: RECORDS_PATHS, timeField: 'occurred' })).toBe('jsonl');
    const coded = b('{"status":"x","data":[{"time":"2026-04-07T08:00:00Z"}]}\n');
    expect(detectFormat('a.jsonl', coded)).toBe('json');
    expect(detectFormat('a.jsonl', coded, 'auto', true, { paths: RECORDS_PATHS, codeField: 'status' })).toBe('jsonl');
    const atlas = b('{"documents":[{"timestamp":{"$date":{"$numberLong":"1775552400000"}}}]}\n');
    expect(detectFormat('a.jsonl', atlas)).toBe('jsonl');
    expect(detectFormat('a.jsonl', atlas, 'auto', true, { paths: ['documents'] })).toBe('json');
  });

  it('asks for more bytes of a .jsonl file while its first line may go on', () => {
    expect(detectFormat('a.jsonl', b('{"data":[{"time":"2026-04-07'), 'auto', false)).toBeUndefined();
    expect(detectFormat('a.jsonl', b('  '), 'auto', false)).toBeUndefined();
    expect(detectFormat('a.jsonl', b('  '), 'auto', true)).toBe('jsonl');
    expect(detectFormat('a.jsonl', b(pages.slice(0, 40)), 'auto', true)).toBe('jsonl');
    // a first line longer than 1 MiB is judged by it: the fields before its records, its first record
    expect(detectFormat('a.jsonl', b(`{"data":[{"time":"2026-04-07T10:19:00Z","m":"x"}],"more":"${'x'.repeat(HOLD_BYTES)}"}`), 'auto', false)).toBe('json');
    expect(detectFormat('a.jsonl', b(`{"level":"info","data":[{"time":"2026-04-07T10:19:00Z"}],"more":"${'x'.repeat(HOLD_BYTES)}"}`), 'auto', false)).toBe('jsonl');
    expect(detectFormat('a.jsonl', b(`{"data":[{"time":"2026-04-07T10:19:00Z","m":"${'x'.repeat(HOLD_BYTES)}"}]}`), 'auto', false)).toBe('jsonl');
  });

  it('gives the same answer whatever was read ahead', () => {
    const bytes = b(`{"data":[{"time":"2026-04-07T10:19:00Z","m":"${'x'.repeat(70_000)}"}]}\n{"data":[]}\n`);
    const whole = sniff('a.jsonl', bytes, 'auto', true);
    expect(whole?.format).toBe('json');
    for (let n = 1; n < bytes.length; n += 4_099) {
      const got = sniff('a.jsonl', bytes.subarray(0, n), 'auto', false);
      if (got !== undefined) expect(got).toEqual(whole);
    }
  });
});

describe('sniff', () => {
  it('gives the same answer whatever was read ahead, once it answers', () => {
    const inputs = [
      'ab\r'.repeat(6553) + '{"a":1}\n',
      '\n'.repeat(3) + `{"m":"${'y'.repeat(300_000)}"}\r\nplain\n`,
      `{"m":"${'z'.repeat(HOLD_BYTES + 10)}"}\n`,
      'x'.repeat(200_000) + '\rnext\r',
      '[\n' + ' '.repeat(90_000) + '{"a":1}]',
      '\u00a0\n'.repeat(30_000) + '{"a":1}\n',
    ];
    for (const text of inputs) {
      const bytes = b(text);
      const whole = sniff('a.log', bytes.subarray(0, HOLD_BYTES + 1), 'auto', bytes.length <= HOLD_BYTES + 1);
      expect(whole).toBeDefined();
      for (let n = 1; n <= Math.min(bytes.length, HOLD_BYTES + 1); n += 12_289) {
        const got = sniff('a.log', bytes.subarray(0, n), 'auto', n === bytes.length);
        if (got !== undefined) expect(got).toEqual(whole);
      }
    }
  });

  it('reads the format with the line ends it found', () => {
    expect(sniff('a.log', b('{"a":1}\r{"b":2}\r'), 'auto', true)).toEqual({ lineEnds: 'cr', format: 'jsonl', binary: false });
    expect(sniff('a.log', b('{"a":1}\rplain\n'), 'auto', true)).toEqual({ lineEnds: 'lf', format: 'text', binary: false });
  });
});
