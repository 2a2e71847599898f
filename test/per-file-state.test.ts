/** The per-code state of a file's LineFindings is reused by the next file only cleared (see src/fast/per-file.ts); fresh module state: the spares start empty. */
import { describe, expect, it } from 'vitest';
import { givePerFile, takePerFile } from '../src/fast/per-file.js';
import { newCodeStat } from '../src/summary/tally.js';

describe('per-file state', () => {
  it('comes back for the next file cleared, with that file as its ends\' file', () => {
    const a = takePerFile(3, 'a.log');
    a.stats[1] = newCodeStat('a.log', 1, null);
    a.taken[2] = 5;
    a.seenIn[0] = 7;
    a.pendMinute[1] = 42;
    a.pendCount[1] = 2;
    a.steady[2] = 1;
    a.ends.note(1, 3, 60_000, 'x');
    a.samples.push('evidence');
    a.spare.push('x@y.example');
    a.unknown.set('mx_z', ['MX_Z', 'z']);
    a.recordUnknown.set('mx_z', 7);
    givePerFile(a);
    const b = takePerFile(3, 'b.log');
    expect(b).toBe(a);
    expect(b.stats).toEqual([undefined, undefined, undefined]);
    expect(b.taken).toEqual([0, 0, 0]);
    expect(b.seenIn).toEqual([-1, -1, -1]);
    expect(b.pendMinute).toEqual([NaN, NaN, NaN]);
    expect(b.pendCount).toEqual([0, 0, 0]);
    expect(b.steady).toEqual([0, 0, 0]);
    expect(b.ends.file).toBe('b.log');
    expect(b.samples).toEqual([undefined]);
    expect(b.spare).toEqual([]);
    expect(b.unknown.size + b.recordUnknown.size).toBe(0);
    // Nothing of a.log's occurrence is left to give.
    const st = newCodeStat('b.log', 1, null);
    b.ends.give(1, st, { codes: new Map(), unknown: new Map(), files: new Map() });
    expect(st.evidence.first).toBeNull();
  });

  it('is made anew for a catalog of another size, and while the last file\'s is still in use', () => {
    const a = takePerFile(2, 'a.log');
    const b = takePerFile(2, 'b.log');
    expect(b).not.toBe(a);
    givePerFile(a);
    expect(takePerFile(5, 'c.log').stats.length).toBe(5);
    givePerFile(b);
  });
});
