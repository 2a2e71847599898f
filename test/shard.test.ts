/** --shard I/N and auto/N: which slice of the inputs a shard scans, and where its index comes from. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inputsDigest, parseShard, sliceShard, type Sized } from '../src/input/shard.js';

const inputs: Sized[] = [
  { path: 'e', size: 1 },
  { path: 'c', size: 3 },
  { path: 'a', size: 5 },
  { path: 'd', size: 2 },
  { path: 'b', size: 3 },
];
const paths = (xs: Sized[]): string[] => xs.map((x) => x.path);
const all = (xs: readonly Sized[], count: number): string[][] => Array.from({ length: count }, (_, k) => paths(sliceShard(xs, { index: k + 1, count })));

describe('sliceShard', () => {
  // Largest first, ties by path: a5 b3 c3 d2 e1, each to the shard with the fewest bytes so far.
  it('two shards: a→1 (5|0), b→2 (5|3), c→2 (5|6), d→1 (7|6), e→2 (7|7)', () => {
    expect(all(inputs, 2)).toEqual([['a', 'd'], ['b', 'c', 'e']]);
  });

  it('three shards: a→1, b→2, c→3, d→2 (3 = 3: the lower index), e→3 (5|5|4)', () => {
    expect(all(inputs, 3)).toEqual([['a'], ['b', 'd'], ['c', 'e']]);
  });

  it('more shards than inputs: one each, the last shard empty', () => {
    expect(all(inputs, 6)).toEqual([['a'], ['b'], ['c'], ['d'], ['e'], []]);
  });

  it('one shard holds everything, in path order', () => {
    expect(all(inputs, 1)).toEqual([['a', 'b', 'c', 'd', 'e']]);
  });

  it('spreads empty files by count: w, y to shard 1, x, z to shard 2', () => {
    const empty = ['z', 'x', 'w', 'y'].map((path) => ({ path, size: 0 }));
    expect(all(empty, 2)).toEqual([['w', 'y'], ['x', 'z']]);
  });

  it('keeps the inputs it is given (their other fields too)', () => {
    const one = sliceShard([{ path: 'p', size: 1, file: '/abs/p' }], { index: 1, count: 1 });
    expect(one).toEqual([{ path: 'p', size: 1, file: '/abs/p' }]);
  });

  it('every input in exactly one shard, whatever the order given; no shard over the lightest plus the largest input', () => {
    const list = fc.uniqueArray(fc.record({ path: fc.string({ maxLength: 6 }), size: fc.nat(1000) }), { selector: (x) => x.path, maxLength: 40 });
    fc.assert(
      fc.property(list, fc.integer({ min: 1, max: 9 }), (xs, n) => {
        const shards = all(xs, n);
        expect(shards.flat().sort()).toEqual(paths(xs).sort());
        expect(all([...xs].reverse(), n)).toEqual(shards);
        const size = new Map(xs.map((x) => [x.path, x.size]));
        const loads = shards.map((s) => s.reduce((t, p) => t + size.get(p)!, 0));
        const largest = Math.max(0, ...xs.map((x) => x.size));
        expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(largest);
      }),
      { numRuns: 300 },
    );
  });
});

describe('inputsDigest', () => {
  it('is the same for the same paths and sizes in any order, and changes when a size does', () => {
    const d = inputsDigest(inputs);
    expect(inputsDigest([...inputs].reverse())).toBe(d);
    expect(inputsDigest(inputs.map((i) => (i.path === 'e' ? { ...i, size: 2 } : i)))).not.toBe(d);
    expect(d).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('parseShard', () => {
  it('reads I/N, counting from 1', () => {
    expect(parseShard('2/4', {})).toEqual({ index: 2, count: 4 });
    expect(parseShard(' 4 / 4 ', {})).toEqual({ index: 4, count: 4 });
    expect(parseShard('1/1', {})).toEqual({ index: 1, count: 1 });
  });

  it.each([
    ['0/4', '--shard 0/4: the index counts from 1 to 4'],
    ['5/4', '--shard 5/4: the index counts from 1 to 4'],
    ['1/0', '--shard: expected I/N (like 2/4) or auto/N, got "1/0"'],
    ['2', '--shard: expected I/N (like 2/4) or auto/N, got "2"'],
    ['-1/4', '--shard: expected I/N (like 2/4) or auto/N, got "-1/4"'],
    ['auto', '--shard: expected I/N (like 2/4) or auto/N, got "auto"'],
  ])('refuses %s', (v, msg) => {
    expect(() => parseShard(v, {})).toThrow(msg);
  });

  it.each([
    ['JOB_COMPLETION_INDEX', '0', 1],
    ['JOB_COMPLETION_INDEX', '3', 4],
    ['AWS_BATCH_JOB_ARRAY_INDEX', '2', 3],
    ['CLOUD_RUN_TASK_INDEX', '1', 2],
    ['SLURM_ARRAY_TASK_ID', '0', 1],
  ])('auto/4 with %s=%s is shard %i/4', (name, value, index) => {
    expect(parseShard('auto/4', { [name]: value })).toEqual({ index, count: 4 });
  });

  it('a Slurm array counts from its first id: --array=1-4 gives ids 1..4, shards 1..4', () => {
    expect(parseShard('auto/4', { SLURM_ARRAY_TASK_ID: '1', SLURM_ARRAY_TASK_MIN: '1', SLURM_ARRAY_TASK_COUNT: '4' })).toEqual({ index: 1, count: 4 });
    expect(parseShard('auto/4', { SLURM_ARRAY_TASK_ID: '4', SLURM_ARRAY_TASK_MIN: '1', SLURM_ARRAY_TASK_COUNT: '4' })).toEqual({ index: 4, count: 4 });
  });

  it('reads the variables in a fixed order: JOB_COMPLETION_INDEX before SLURM_ARRAY_TASK_ID', () => {
    expect(parseShard('auto/4', { SLURM_ARRAY_TASK_ID: '3', JOB_COMPLETION_INDEX: '1' })).toEqual({ index: 2, count: 4 });
    expect(parseShard('auto/4', { JOB_COMPLETION_INDEX: '', CLOUD_RUN_TASK_INDEX: '1' })).toEqual({ index: 2, count: 4 });
  });

  it('fails clearly when the index is not below N, or not there, or not a number', () => {
    expect(() => parseShard('auto/4', { SLURM_ARRAY_TASK_ID: '4' })).toThrow(
      '--shard auto/4: SLURM_ARRAY_TASK_ID=4 gives task index 4, not below 4 (array indexes count from 0: run 4 tasks, 0 to 3)',
    );
    expect(() => parseShard('auto/2', { JOB_COMPLETION_INDEX: '2' })).toThrow('JOB_COMPLETION_INDEX=2 gives task index 2, not below 2');
    expect(() => parseShard('auto/4', { SLURM_ARRAY_TASK_ID: '1', SLURM_ARRAY_TASK_COUNT: '5' })).toThrow(
      '--shard auto/4: the Slurm array has 5 tasks (SLURM_ARRAY_TASK_COUNT); submit it with --array=0-3',
    );
    expect(() => parseShard('auto/4', {})).toThrow(
      '--shard auto/4: none of JOB_COMPLETION_INDEX, SLURM_ARRAY_TASK_ID, AWS_BATCH_JOB_ARRAY_INDEX, CLOUD_RUN_TASK_INDEX is set',
    );
    expect(() => parseShard('auto/4', { AWS_BATCH_JOB_ARRAY_INDEX: '1x' })).toThrow('--shard auto/4: AWS_BATCH_JOB_ARRAY_INDEX="1x" is not a whole number');
  });
});
