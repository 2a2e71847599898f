import { describe, expect, it } from 'vitest';
import { scanArgs } from '../src/argv.js';
import { FEW_FILES, sizedForMemory } from '../src/heap-sizing.js';

// Regular files and their sizes; any other name is not one (a directory, a glob, nothing).
const files = new Map([
  ['a.log', 1 << 30],
  ['b.log', 10],
  ...Array.from({ length: FEW_FILES + 1 }, (_, k) => [`f${k}.log`, 100] as const),
]);
const size = (p: string): number | undefined => files.get(p);
const many = (n: number): string[] => Array.from({ length: n }, (_, k) => `f${k}.log`);

describe('sizing V8 heap for memory from the raw command line', () => {
  it.each([
    [['scan', 'a.log'], false],
    [['scan', 'a.log', 'b.log', '--jobs', '1'], false],
    [['scan', '--format', 'json', 'a.log', '-o', '/dev/null'], false],
    [['scan', ...many(FEW_FILES)], false],
    [['scan', ...many(FEW_FILES + 1)], true],
    [['scan', 'logs/'], true],
    [['scan', 'a.log', 'logs/**/*.log'], true],
    [['scan', '-'], true],
    [['scan', 'a.log', '-'], true],
    [['scan'], true],
    [['scan', 'a.log', '--help'], true],
    [['merge', 'a.log'], true],
    [['catalog'], true],
  ])('%j: %s', (argv, want) => {
    expect(sizedForMemory(argv, size)).toBe(want);
  });
});

describe('reading a scan command line before yargs', () => {
  it.each([
    [['scan', 'a.log', '--jobs', '3'], { inputs: ['a.log'], jobs: 3 }],
    [['scan', '-j2', 'a.log', 'b.log'], { inputs: ['a.log', 'b.log'], jobs: 2 }],
    [['scan', '--jobs=zero', 'a.log'], { inputs: ['a.log'], jobs: undefined }],
    [['scan', '--out', 'reports', 'a.log', '--quiet'], { inputs: ['a.log'], jobs: undefined }],
    [['scan', 'a.log', '--', '-h'], { inputs: ['a.log'], jobs: undefined }],
    [['scan', '-', 'a.log'], { inputs: ['-', 'a.log'], jobs: undefined }],
    [['scan', 'a.log', '--version'], undefined],
    [['scan', '-qh', 'a.log'], undefined],
    [['merge', 'a.json'], undefined],
  ])('%j', (argv, want) => {
    expect(scanArgs(argv)).toEqual(want);
  });
});
