import { describe, expect, it } from 'vitest';
import { renderJson, renderJsonPieces } from '../src/render/json.js';
import type { Report } from '../src/summary/report.js';

const asReport = (o: unknown): Report => o as Report;
const joined = (o: unknown): string => [...renderJsonPieces(asReport(o))].join('');

describe('the JSON report in pieces', () => {
  it('writes the same bytes as JSON.stringify with two-space indent, written out by hand', () => {
    const o = { a: 1, skip: undefined, files: [{ path: 'x', n: [1, 2] }, {}], e: [], nested: { inputs: [[]], deep: { deeper: { k: 'v' } } } };
    expect(joined(o)).toBe(
      '{\n  "a": 1,\n  "files": [\n    {\n      "path": "x",\n      "n": [\n        1,\n        2\n      ]\n    },\n    {}\n  ],\n  "e": [],\n' +
        '  "nested": {\n    "inputs": [\n      []\n    ],\n    "deep": {\n      "deeper": {\n        "k": "v"\n      }\n    }\n  }\n}\n',
    );
  });

  it('writes a value with no JSON form as null in a list and leaves it out of an object', () => {
    expect(joined({ l: [undefined, () => 1, 2], f: () => 1 })).toBe('{\n  "l": [\n    null,\n    null,\n    2\n  ]\n}\n');
  });

  it('writes a row of plain values (stringified whole) as JSON.stringify does, its values with no JSON form too', () => {
    const o = { files: [{ path: 'a', n: 1, none: null, skip: undefined, f: () => 1 }, [1, undefined, 'x']] };
    expect(joined(o)).toBe('{\n  "files": [\n    {\n      "path": "a",\n      "n": 1,\n      "none": null\n    },\n    [\n      1,\n      null,\n      "x"\n    ]\n  ]\n}\n');
  });

  it('escapes the risky characters as renderJson does, across piece boundaries too', () => {
    // More than one 64 Ki piece, with a bidirectional override and a DEL in the text.
    const files = Array.from({ length: 3000 }, (_, i) => ({ path: `d/\u202e${i}.log`, message: 'a\u007fb\n' }));
    const o = { verdict: 'x', files, provenance: { inputs: files.map((f) => ({ path: f.path })) } };
    const pieces = [...renderJsonPieces(asReport(o))];
    expect(pieces.length).toBeGreaterThan(2);
    expect(pieces.join('')).toBe(renderJson(asReport(o)));
    expect(pieces.join('')).toContain('"d/\\u202e0.log"');
  });

  it('writes a `##[` (a workflow command\'s old form) as `##\\u005b`: the same string once parsed', () => {
    const o = { text: 'x ##[error]forged ###[y', files: [{ path: '##[stop-commands]a.log' }] };
    const out = joined(o);
    expect(out).toBe(renderJson(asReport(o)));
    expect(out).not.toContain('##[');
    expect(out).toContain('"x ##\\u005berror]forged ###\\u005by"');
    expect(JSON.parse(out)).toEqual(o);
  });

  it('escapes a DEL in text that is otherwise ASCII', () => {
    expect(joined({ text: 'a\u007fb' })).toBe('{\n  "text": "a\\u007fb"\n}\n');
    expect(renderJson(asReport({ text: 'a\u007fb' }))).toBe('{\n  "text": "a\\u007fb"\n}\n');
  });

  it('writes runs of whole rows between rows opened up and values with no JSON form, as JSON.stringify does', () => {
    const o = { files: [{ p: 'a' }, 'b', 3, { q: { r: 1 } }, { p: 'c' }, undefined, { p: 'd' }, { p: 'e' }, null] };
    expect(joined(o)).toBe(
      '{\n  "files": [\n    {\n      "p": "a"\n    },\n    "b",\n    3,\n    {\n      "q": {\n        "r": 1\n      }\n    },\n    {\n      "p": "c"\n    },\n' +
        '    null,\n    {\n      "p": "d"\n    },\n    {\n      "p": "e"\n    },\n    null\n  ]\n}\n',
    );
  });

  it('writes a run of rows at any depth of indent, a list at the top too', () => {
    expect(joined([{ p: 'a' }, 1])).toBe('[\n  {\n    "p": "a"\n  },\n  1\n]\n');
  });
});
