/**
 * The YAML shortcut (src/input/yaml-block.ts: block documents written as JSON without the yaml package)
 * against the yaml package itself on random YAML streams: documents of mappings and sequences nested at
 * any indentation, keys and scalars of every kind the core schema resolves (and near misses: quoted keys,
 * keywords, escapes, flow collections, anchors, tags, comments, tabs, control characters, bytes that are no
 * UTF-8, keys seen twice, a scalar that goes on over lines), markers, directives, CRLF
 * line ends, random chunkings and line limits. The JSON array written must be the same bytes whichever reads
 * a document, and so must the lines skipped.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { newFileStat } from '../src/model/stats.js';
import { yamlAsJson } from '../src/input/yaml.js';
import { blockDocument } from '../src/input/yaml-block.js';
import { DocLines } from '../src/input/yaml-lines.js';
import { Elements } from '../src/input/yaml-elements.js';
import { chunked } from './support/engines.js';
import { runs } from './support/runs.js';

const KEYS = [
  'insertId', 'severity', 'timestamp', 'jsonPayload', 'message', 'code', 'labels', 'a', 'b', 'log_level', 'tenant_id', '_x',
  'x.y/z', 'k-1', 'a b', 'compute.googleapis.com/resource_name', 'nulls', 'Trues', '_', 'code ',
  // Where a wrapped export's records are (a kubectl list's `items`): a document holding one is read as its records.
  'items', 'events', 'data', 'Records',
];
const KEY_MISSES = [
  'true', 'null', 'Null', 'TRUE', '__proto__', '123', '"quoted"', "'single'", '"a: b"', '-dash', '? q', 'x:y', '#c', '&a k', 'k\t', '~', '<<', 'é',
];
const SCALARS = [
  'storage_error', 'plain words here', 'mentions smime_error and bob@example.com', "it's", 'say "hi"', 'back\\slash', 'a#b', 'url http://x.io/a?b=c',
  '2026-03-18T10:15:00.123Z', '2026-03-18 10:15:00', '0', '-0', '7', '007', '-12', '+5', '123456789012345', '12345678901234567890', '1_000',
  '0o17', '0o8', '0x1F', '0xg', '1e3', '-1.5E-2', '.5', '5.', '1.0', '.inf', '-.Inf', '+.INF', '.NaN', '.nan', 'nan', '~', 'null', 'Null', 'NULL',
  'nULL', 'true', 'True', 'FALSE', 'fAlse', 'yes', 'on', 'n', 'f', 'tru', 'nulls', '{}', '[]', '""', "''",
  '"storage_error"', '"with \\"escapes\\" \\\\ and \\/ and \\u00e9 \\x41 \\U0001F600 \\t\\n"', '"\\ud83d\\ude00 pair"', '"\\ud83d lone"',
  '"\\N\\_\\L\\P\\e\\a\\v\\0"', "'single ''quoted'' \\ \"x\"'", 'é accent', 'c1\u0085x', 'ls\u2028x', 'bom\ufeffx', 'zwsp\u200bx', '\u3000ideographic', 'nbsp\u00a0x', 'nbsp end\u00a0', 'emoji 😀', '\ufffd', 'a-b', '-x', '?x', ':x', 'x:', 'x:y',
];
/** Scalars over lines (`\n`: the next line, indented past its key; an empty part, an empty line), as emitters wrap long values. */
const MULTI = [
  'wrapped plain text\nthat goes on\nover three lines', 'plain with\n\nan empty line between', 'plain then\n\n\ntwo empty', 'plain 12\n34', 'plain and a\n- dash', 'plain then\n[bracket]',
  "'single quoted\nwrapped over lines'", "'single with ''quote''\n\nand empty'", "'ends on\n'", "'a\n  spaced  \nb'",
  '"double quoted\nwrapped"', '"double with escaped\\\n\\ break"', '"ends in escaped blank\\ \nnext"', '"tab\\t escape\nand more"', '"escaped\\\n\nthen empty"', '"two\\\\\nbackslashes"',
  '|\nliteral line one\nline two', '|-\nstrip\n\nthis', '|+\nkeep\n', '|+\nkeep two\n\n', '|\nclip\n\n', '>\nfolded line\nand next\n\nparagraph', '>-\nfolded strip', '>+\nfolded keep\n',
  '|\n\tat com.mxhero.Foo(Foo.java:1)\n  indented more', '|\n# not a comment\n---', '|-\n\nleading empty', '>\nfolded\n  more indented', '>\n\nfolded leading empty',
  // A folded line that starts with a tab (indented further), an escape an escaped line break cuts, a line that is only `\`.
  '>\na\n\tb\nc', '>\n\t\nb', '"\\u00\\\n41"', '"\\x4\\\n1"', '"a\n\\\nb"', '"a\n\\\n"', '"a\n\\\n\nb"', '"ok \\u00e9\\\nnext"',
  '|+\nkeep none', '|\nspaces after\n   \nnext', 'plain then\n# a comment line', 'plain then\nmore\n# a comment line\nand more',
  '|2\nindicator', '| # comment\nx', '|\n', '|x\ny', '"unclosed\nover lines', "'one\n'two'",
];
const MISSES = [
  '"bad escape \\q"', '"past Unicode \\U00110000"', '"unclosed', '"trailing" text', "'unclosed", "'a' b",
  'a: b', 'ends:', 'with # comment', '[a, b]', '{a: 1}', '&anchor x', '*alias', '!!str 5', '|', '>-', '- x', '? x', ': x', '%x', '@x', '`x',
  'tab\there', 'cr\rhere', 'nul\u0000', 'del\u007f', 'no UTF-8 <ff> here', '"no UTF-8 <ff>"',
];

type Node = { scalar: string } | { map: [string, Node][] } | { seq: Node[] };

/** Keys and scalars the shortcut takes, and (one in twenty) near misses. */
const key = fc.oneof({ weight: 19, arbitrary: fc.constantFrom(...KEYS) }, { weight: 1, arbitrary: fc.constantFrom(...KEY_MISSES) });
const scalar = fc
  .oneof({ weight: 16, arbitrary: fc.constantFrom(...SCALARS) }, { weight: 3, arbitrary: fc.constantFrom(...MULTI) }, { weight: 1, arbitrary: fc.constantFrom(...MISSES) })
  .map((s): Node => ({ scalar: s }));
/** A mapping's entries: its keys mostly distinct (a key seen twice makes the document the yaml package's). */
const entries = (value: fc.Arbitrary<Node>, maxLength: number): fc.Arbitrary<Node> =>
  fc.oneof(
    { weight: 4, arbitrary: fc.uniqueArray(fc.tuple(key, value), { minLength: 1, maxLength, selector: ([k]) => k.trim() }) },
    { weight: 1, arbitrary: fc.array(fc.tuple(key, value), { minLength: 1, maxLength }) },
  ).map((map) => ({ map }));
const node: fc.Arbitrary<Node> = fc.letrec<{ n: Node }>((tie) => ({
  n: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalar, entries(tie('n'), 5), fc.array(tie('n'), { minLength: 1, maxLength: 3 }).map((seq) => ({ seq }))),
})).n;
/** A top-level mapping, as gcloud writes an entry: scalars mostly, a nested node or two. */
const entry = entries(fc.oneof({ weight: 3, arbitrary: scalar }, { weight: 1, arbitrary: node }), 6);

/** Layout choices: the indentation a block below adds, the blanks after an item's `-`, a compact sequence under a key. */
interface Style {
  step: number;
  dash: number;
  compact: boolean;
}

/** A scalar's first line, and its other lines indented by `sp` (an empty one left empty). */
function scalarLines(text: string, sp: string): [string, string[]] {
  const [head, ...rest] = text.split('\n');
  return [head!, rest.map((l) => (l === '' ? '' : `${sp}${l}`))];
}

/** The lines of a node at indentation `n`. */
function render(v: Node, n: number, s: Style): string[] {
  const sp = ' '.repeat(n);
  const below = ' '.repeat(n + s.step);
  if ('scalar' in v) {
    const [head, rest] = scalarLines(v.scalar, below);
    return [`${sp}${head}`, ...rest];
  }
  if ('map' in v) {
    return v.map.flatMap(([k, c]) => {
      if ('scalar' in c) {
        const [head, rest] = scalarLines(c.scalar, below);
        return [`${sp}${k}: ${head}`, ...rest];
      }
      if ('seq' in c && s.compact) return [`${sp}${k}:`, ...render(c, n, s)];
      return [`${sp}${k}:`, ...render(c, n + s.step, s)];
    });
  }
  return v.seq.flatMap((c) => {
    if ('scalar' in c) {
      const [head, rest] = scalarLines(c.scalar, below);
      return [`${sp}-${' '.repeat(s.dash)}${head}`, ...rest];
    }
    if ('map' in c) {
      const [head, ...rest] = render(c, n + 1 + s.dash, s);
      return [`${sp}-${' '.repeat(s.dash)}${head!.trimStart()}`, ...rest];
    }
    return [`${sp}-`, ...render(c, n + s.step, s)];
  });
}

const style = fc.record({ step: fc.integer({ min: 1, max: 4 }), dash: fc.integer({ min: 1, max: 3 }), compact: fc.boolean() });
/** What may be done to a line: nothing (mostly), or a blank line, comment, trailing blanks or comment, a tab, a line going on, put before or after it. */
const NOISE = ['', '', '', '', '', '', '', '', 'blank', 'comment', 'trail', 'trail-comment', 'tab', 'more', 'dedent'];
interface Doc {
  root: Node;
  style: Style;
  noise: readonly string[];
}
const doc: fc.Arbitrary<Doc> = fc.record({
  root: fc.oneof(entry, entry, node, fc.array(entry, { minLength: 1, maxLength: 3 }).map((seq): Node => ({ seq }))),
  style,
  // Lines added or changed in one document of three.
  noise: fc.oneof(fc.constant(['']), fc.constant(['']), fc.array(fc.constantFrom(...NOISE), { minLength: 12, maxLength: 12 })) as fc.Arbitrary<readonly string[]>,
});

function documentLines(d: Doc): string[] {
  const lines = render(d.root, 0, d.style);
  return lines.flatMap((l, k) => {
    switch (d.noise[k % d.noise.length]) {
      case 'blank':
        return [l, ''];
      case 'comment':
        return [`${' '.repeat(k % 5)}# note: x`, l];
      case 'trail':
        return [`${l}   `];
      case 'trail-comment':
        return [`${l} # c`];
      case 'tab':
        return [`\t${l}`];
      case 'more':
        return [l, `${' '.repeat((k % 4) + 1)}goes on`];
      case 'dedent':
        return [l.trimStart()];
      default:
        return [l];
    }
  });
}

const stream = fc.record({
  docs: fc.array(doc, { minLength: 1, maxLength: 4 }),
  // How documents are set apart: `---` before each, none before the first, `...` after each, a directive first.
  marks: fc.constantFrom('start', 'no-first', 'end', 'directive', 'start-blank'),
  crlf: fc.boolean(),
  sizes: fc.array(fc.integer({ min: 1, max: 300 }), { minLength: 1, maxLength: 4 }),
  maxLength: fc.constantFrom(1 << 20, 1 << 20, 40, 200),
});

function streamText(s: { docs: Doc[]; marks: string; crlf: boolean }): string {
  const out: string[] = s.marks === 'directive' ? ['%YAML 1.2'] : [];
  s.docs.forEach((d, k) => {
    if (s.marks !== 'no-first' || k > 0) out.push(s.marks === 'start-blank' ? '--- ' : '---');
    out.push(...documentLines(d));
    if (s.marks === 'end') out.push('...');
  });
  return out.join(s.crlf ? '\r\n' : '\n') + (s.crlf ? '\r\n' : '\n');
}

async function read(bytes: Buffer, sizes: number[], maxLength: number, shortcut: boolean): Promise<{ json: string; skipped: number }> {
  const stat = newFileStat('t.yaml');
  const parts: Buffer[] = [];
  async function* chunks(): AsyncGenerator<Buffer> {
    for (const c of chunked(bytes, sizes)) yield Buffer.from(c);
  }
  for await (const b of yamlAsJson(chunks(), stat, maxLength, undefined, shortcut)) parts.push(Buffer.from(b));
  return { json: Buffer.concat(parts).toString('latin1'), skipped: stat.skippedLines };
}

describe('YAML block documents written as JSON (yaml-block.ts)', () => {
  it('writes every stream as the yaml package reads it, document by document', async () => {
    let shortcut = 0;
    let documents = 0;
    await fc.assert(
      fc.asyncProperty(stream, async (s) => {
        // `<ff>` stands for a byte that is no UTF-8.
        const bytes = Buffer.concat(streamText(s).split('<ff>').flatMap((t, k) => (k === 0 ? [Buffer.from(t)] : [Buffer.from([0xff]), Buffer.from(t)])));
        const fast = await read(bytes, s.sizes, s.maxLength, true);
        const reference = await read(bytes, s.sizes, s.maxLength, false);
        expect(fast).toEqual(reference);
        for (const d of s.docs) {
          documents++;
          if (takesShortcut(documentLines(d))) shortcut++;
        }
      }),
      { numRuns: runs(3000), seed: 20261207 },
    );
    // The streams reach both ways of reading a document.
    expect(shortcut / documents).toBeGreaterThan(0.2);
    expect(shortcut / documents).toBeLessThan(0.9);
  });

  it('agrees with the yaml package at its limits: a document\'s length in characters, a key of 1,024, nesting a thousand deep', async () => {
    const same = async (text: string, maxLength = 1 << 20): Promise<void> => {
      const bytes = Buffer.from(text);
      expect(await read(bytes, [4096], maxLength, true), text.slice(0, 40)).toEqual(await read(bytes, [4096], maxLength, false));
    };
    // The limit counts characters: 25 two-byte ones after `# ` are 27 characters (52 bytes), and the key's
    // line 16 more: 45 characters, under 60 (97 bytes would not be).
    const é = (n: number): string => 'é'.repeat(n);
    const json = async (text: string): Promise<string> => Buffer.from((await read(Buffer.from(text), [4096], 60, true)).json, 'latin1').toString();
    expect(await json(`# ${é(25)}\na: storage_error\n`)).toContain('{"a":"storage_error"}');
    // `---`, then two lines of 24 characters (44 bytes) and one of 4: 57 characters, a document held whole.
    expect(await json(`---\na: ${é(20)}\nb: ${é(20)}\nc: x\n`)).toContain(`{"a":"${é(20)}","b":"${é(20)}","c":"x"}`);
    // Two lines of 29 characters (53 bytes, each under 60) after `---`: past 60 at the second, read as lines of text.
    expect(await json(`---\na: ${é(25)}\nb: ${é(25)}\n`)).toContain(`{"a: ${é(25)}"}\n,"b: ${é(25)}"`);
    await same(`# ${é(25)}\na: storage_error\n`, 60);
    for (const n of [1023, 1024, 1025]) {
      await same(`${'k'.repeat(n)}: storage_error\n`);
      await same(`${'k'.repeat(n - 2)}  : storage_error\n`);
      await same(`- ${'k'.repeat(n)}: storage_error\n`);
    }
    // Nesting past 64 levels is left to the yaml package, which runs out of stack near a thousand (on a
    // thread's stack: how deep depends on where it runs) and reads the document as text.
    const sequences = (depth: number): string[] => ['---', 'a:', ...Array.from({ length: depth - 1 }, (_, k) => `${' '.repeat(k + 1)}-`), `${' '.repeat(depth)}- storage_error`];
    const mappings = (depth: number): string[] => ['---', ...Array.from({ length: depth }, (_, k) => `${' '.repeat(k)}k${k}:`), `${' '.repeat(depth)}v: storage_error`];
    for (const deep of [sequences, mappings]) {
      expect(takesShortcut(deep(62))).toBe(true);
      expect(takesShortcut(deep(66))).toBe(false);
      for (const depth of [62, 66, 940]) await same(deep(depth).join('\n') + '\n');
    }
  });

  it('reads a document that is a wrapped export (a kubectl list) as its records, each on its item\'s line', async () => {
    const list = [
      'apiVersion: v1', // 1
      'items:',
      '-', // 3: an item alone on its line; its record starts on line 4
      '  kind: Event',
      '  message: storage_error for ann@example.com',
      '- kind: Event', // 6
      '  message: |',
      '    smime_error',
      'kind: List', // 9
      'metadata:',
      '  resourceVersion: ""',
      '---', // 12
      'items: []', // 13: a list of none: the document is one record (codes elsewhere in it would be lost)
      'kind: List',
      '---', // 15
      'level: error', // 16: an event whose own field is a list (a level is an event's): one record
      'items:',
      '- a: 1',
      '',
    ].join('\n');
    const want = '[\n\n\n{"kind":"Event","message":"storage_error for ann@example.com"}\n\n,{"kind":"Event","message":"smime_error\\n"}';
    for (const shortcut of [true, false]) {
      const { json } = await read(Buffer.from(list), [9], 1 << 20, shortcut);
      expect(json.startsWith(want), json).toBe(true);
      expect(json.slice(want.length)).toBe('\n\n\n\n\n\n\n,{"items":[],"kind":"List"}\n\n\n,{"level":"error","items":[{"a":1}]}\n]\n');
    }
  });

  it('ends a block scalar at a document\'s end as the yaml package does, whatever its chomping and the lines after it', async () => {
    for (const chomp of ['', '-', '+']) {
      for (const after of [[], [''], ['', ''], ['  '], ['', 'b: 1'], ['...']]) {
        const lines = ['---', `a: |${chomp}`, '  text', ...after];
        expect(takesShortcut(lines.filter((l) => l !== '...')), lines.join('|')).toBe(true);
        const bytes = Buffer.from([...lines, '---', 'c: 2', ''].join('\n'));
        expect(await read(bytes, [7], 1 << 20, true), lines.join('|')).toEqual(await read(bytes, [7], 1 << 20, false));
      }
    }
  });

  it('takes the shortcut for the entries gcloud writes, and leaves a near miss to the yaml package', () => {
    const gcloud = ['insertId: abc123', 'jsonPayload:', '  code: storage_error', '  account: ann@example.com', '  retries: 3', 'labels: {}', 'resource:', '  labels:', '    project_id: p-1', '  type: k8s_container', "severity: ERROR", "timestamp: '2026-04-07T09:14:02.113Z'"];
    expect(takesShortcut(['---', ...gcloud])).toBe(true);
    // Sequences under a key at its own indentation or below it, an item alone on its line, numbers, escapes.
    const more = [
      ['tags:', '- a', '- b: 1', '  c: 2'],
      ['tags:', '  -', '    a: 1', '  - x'],
      ['n: -0.5e3', 'h: 0x1F', 'o: 0o17', 'i: .inf', 'z: ~'],
      ['q: "tab\\there \\u00e9 \\"x\\""', "s: 'it''s'", 'u: zoé 😀'],
      // As PyYAML wraps a value past 80 columns, and writes one with line breaks.
      ['message: sync of 1175 accounts failed with storage_error after the provider said', '  429 for ann@example.com'],
      ["message: 'smime_error: signer certificate expired for bob@example.com while", "  signing outbound message 4711'"],
      ['message: "quota reached for caf\\xE9 and the next line goes on with an escaped\\', '  \\ blank"'],
      ['textPayload: |', '  java.io.IOException: connection_error_max_retry', '  \tat com.mxhero.m2c.Sync.run(Sync.java:88)', '', '  Caused by: x'],
      ['textPayload: |-', '  one', '  two'],
    ];
    for (const lines of more) {
      expect(takesShortcut(['---', ...gcloud, ...lines]), lines.join(' | ')).toBe(true);
    }
    for (const miss of ['textPayload: |', 'message: a: b', 'k: &a x', 'k: v # c', '"q": v', 'k: [a]', 'k:\tv', 'insertId: again']) expect(takesShortcut(['---', ...gcloud, miss]), miss).toBe(false);
  });
});

/** Does the shortcut write this document (its lines joined by `\n`)? */
function takesShortcut(lines: readonly string[]): boolean {
  const bytes = Buffer.from(lines.join('\n'), 'utf8');
  const doc = new DocLines();
  let p = 0;
  lines.forEach((l, k) => {
    const n = Buffer.byteLength(l);
    doc.push(p, p + n, k + 1);
    p += n + 1;
  });
  return blockDocument(bytes, doc, new Elements(), new Map());
}
