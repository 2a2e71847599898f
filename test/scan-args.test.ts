import { describe, expect, it } from 'vitest';
import { scanArgs } from '../src/argv.js';

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
