/** A code's files (src/summary/file-set.ts) read as a Set whether they came in path order or not. */
import { describe, expect, it } from 'vitest';
import { FileSet } from '../src/summary/file-set.js';

const of = (...files: string[]): FileSet => {
  const s = new FileSet();
  for (const f of files) s.add(f);
  return s;
};

describe('FileSet', () => {
  it('holds paths that come in increasing order, each once', () => {
    const s = of('a.log', 'b.log', 'c.log');
    expect(s.size).toBe(3);
    expect([...s]).toEqual(['a.log', 'b.log', 'c.log']);
    expect(s.has('b.log')).toBe(true);
    expect(s.has('d.log')).toBe(false);
  });

  it('keeps one of a path added again, and the first-added order, once they come out of order', () => {
    const s = of('b.log', 'c.log', 'b.log', 'a.log', 'c.log');
    expect(s.size).toBe(3);
    expect([...s]).toEqual(['b.log', 'c.log', 'a.log']);
    expect([...s.keys()]).toEqual(['b.log', 'c.log', 'a.log']);
    expect([...s.entries()]).toEqual([
      ['b.log', 'b.log'],
      ['c.log', 'c.log'],
      ['a.log', 'a.log'],
    ]);
  });

  it('is copied, deleted from, cleared and walked as a Set is', () => {
    const s = of('a.log', 'b.log');
    expect(new Set(s)).toEqual(new Set(['a.log', 'b.log']));
    const seen: string[] = [];
    s.forEach((v) => seen.push(v));
    expect(seen).toEqual(['a.log', 'b.log']);
    expect(s.delete('a.log')).toBe(true);
    expect([...s]).toEqual(['b.log']);
    s.add('a.log');
    expect([...s.values()]).toEqual(['b.log', 'a.log']);
    s.clear();
    expect(s.size).toBe(0);
    expect([...s]).toEqual([]);
  });
});
