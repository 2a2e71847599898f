/**
 * A YAML mapping of thousands of keys (a ConfigMap, a big object's dump) is written as JSON from its bytes
 * (src/input/yaml-block.ts: past 64 keys a mapping's keys are looked up in a set), the same JSON, byte for
 * byte, as the yaml package gives; a key seen twice among them leaves the document to the package, which
 * reads it as text (its own check for keys twice is done in one pass: src/input/yaml-documents.ts keyTwice).
 */
import { describe, expect, it } from 'vitest';
import { newFileStat } from '../src/model/stats.js';
import { yamlAsJson } from '../src/input/yaml.js';
import { blockDocument } from '../src/input/yaml-block.js';
import { DocLines } from '../src/input/yaml-lines.js';
import { Elements } from '../src/input/yaml-elements.js';

/** The stream's documents as one JSON array (the shortcut's, or the yaml package's alone). */
async function json(text: string, shortcut: boolean): Promise<string> {
  const parts: Buffer[] = [];
  async function* one(): AsyncGenerator<Buffer> {
    yield Buffer.from(text);
  }
  for await (const b of yamlAsJson(one(), newFileStat('t.yaml'), 1 << 24, undefined, shortcut)) parts.push(Buffer.from(b));
  return Buffer.concat(parts).toString('utf8');
}

/** Does the shortcut write the document of these lines? */
function takesShortcut(lines: readonly string[]): boolean {
  const doc = new DocLines();
  let p = 0;
  lines.forEach((l, k) => {
    doc.push(p, p + l.length, k + 1);
    p += l.length + 1;
  });
  return blockDocument(Buffer.from(lines.join('\n')), doc, new Elements(), new Map());
}

/** A document: 300 keys at the top level, a mapping of 3,000 under `body`, one of 100 under `labels` in it. */
const lines = (twice?: number): string[] => [
  ...Array.from({ length: 300 }, (_, k) => `top_${k}: value ${k}`),
  'body:',
  ...Array.from({ length: 3_000 }, (_, k) => `  k${k === twice ? 7 : k}: storage_error ${k}`),
  '  labels:',
  ...Array.from({ length: 100 }, (_, k) => `    l${k}: '${k}'`),
  'message: last',
];

describe('a YAML mapping of thousands of keys', () => {
  it('is written from its bytes, as the yaml package reads it', async () => {
    expect(takesShortcut(lines())).toBe(true);
    const text = `---\n${lines().join('\n')}\n`;
    const mine = await json(text, true);
    expect(mine).toBe(await json(text, false));
    const [doc] = JSON.parse(mine) as [{ body: Record<string, unknown>; message: string }];
    expect([Object.keys(doc).length, Object.keys(doc.body).length, doc.message]).toEqual([302, 3_001, 'last']);
  });

  it('with a key twice (the 2,000th names k7 again, past the 64 compared one by one), is the package’s: one record of its text', async () => {
    expect(takesShortcut(lines(2_000))).toBe(false);
    const text = `---\n${lines(2_000).join('\n')}\n`;
    const mine = await json(text, true);
    expect(mine).toBe(await json(text, false));
    // A document the yaml package cannot read is one malformed record of its text, its lines joined (README).
    expect(mine.startsWith('[\n{"top_0: value 0 top_1: value 1 ')).toBe(true);
    expect(mine).toContain(' k7: storage_error 2000 ');
  });
});
