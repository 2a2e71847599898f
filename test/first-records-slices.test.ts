/**
 * src/input/first-records.ts cuts a large chunk a slice at a time: the notes' second look at an input's first
 * record (what a stream's scan kept of its first MiB is one chunk; YAML's JSON comes a MiB at a time) parses
 * the records it takes, not every record of the chunk. Expected values worked out from the inputs written here.
 */
import { describe, expect, it, vi } from 'vitest';

const parsed = vi.hoisted(() => ({ n: 0 }));
vi.mock('../src/input/fields.js', async (importOriginal) => {
  const m = await importOriginal<typeof import('../src/input/fields.js')>();
  return { ...m, jsonRecord: (...a: Parameters<typeof m.jsonRecord>) => (parsed.n++, m.jsonRecord(...a)) };
});
const { firstRecords } = await import('../src/input/first-records.js');

/** A JSON array of n small elements, element i on line i + 2, as one chunk (about 11 bytes each). */
const array = (n: number): Buffer => Buffer.from(`[\n${Array.from({ length: n }, (_, i) => `{"i":${i}}`).join(',\n')}\n]\n`);
async function* once(b: Buffer): AsyncGenerator<Buffer> {
  yield b;
}

describe('firstRecords on one large chunk', () => {
  it('parses the first slice for the first record, not the whole chunk', async () => {
    // 100,000 elements, 1.2 MB in one chunk; a slice of 64 KiB holds some 6,000 of them.
    parsed.n = 0;
    for await (const rec of firstRecords('json', once(array(100_000)), 1 << 20)) {
      expect(rec).toMatchObject({ line: 2, text: '{"i":0}' });
      break;
    }
    expect(parsed.n).toBeGreaterThan(0);
    expect(parsed.n).toBeLessThan(10_000);
  });

  it('still gives every record, in order, those across the end of a slice too', async () => {
    parsed.n = 0;
    const lines: number[] = [];
    let last = '';
    for await (const rec of firstRecords('json', once(array(100_000)), 1 << 20)) {
      lines.push(rec.line);
      last = rec.text;
    }
    expect(lines.length).toBe(100_000);
    expect(lines.every((l, k) => l === k + 2)).toBe(true);
    expect(last).toBe('{"i":99999}');
    expect(parsed.n).toBe(100_000);
  });
});
