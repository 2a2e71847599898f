/**
 * seeEmails lists the `@`s of its bytes 16 KiB at a time, a mask per 64 bytes whose first two are written
 * whether set or not: every `@` is read once, wherever it falls (the last or first byte of a piece, a
 * block with more than two, the short block at the end), and an address is read whole across a piece's edge.
 * Local parts and domains are tested 32 bytes at once: lengths around 32 go on to the longer reading.
 */
import { describe, expect, it } from 'vitest';
import type { Kernel } from '../src/fast/kernels.js';
import { heldKernels, seenOf } from './support/held-kernels.js';

const kernels = heldKernels();
const CODE = 'storage_error';

/** `text` and a padding line, then `${CODE} ${addr}`: its `@` lands at byte `at`. */
function placeAt(text: string, addr: string, at: number): string {
  const pad = at - text.length - (CODE.length + 1 + addr.indexOf('@'));
  expect(pad).toBeGreaterThanOrEqual(2);
  return `${text}${'x'.repeat(pad - 1)}\n${CODE} ${addr}\n`;
}

/** The account names of the lines with codes of [from, to), each line's in order (seeEmails read them last). */
function names(k: Kernel, to: number, from = 0): string[][] {
  const out: string[][] = [];
  k.scanText(from, to, 1, (_ls, _le, _i, words, nCodes, nUnknown, at, nIds) => {
    const from = at + 2 * (nCodes + nUnknown);
    if (nCodes > 0) out.push(Array.from(words.subarray(from, from + nIds), (id) => k.accountName(id)));
  });
  return out;
}

function kernelFor(text: string): Kernel {
  const k = kernels.holding(Buffer.from(text, 'latin1'), [CODE]);
  k.accountsReset();
  k.countsReset();
  k.takeSeen();
  return k;
}

describe('seeEmails, piece by piece', () => {
  it('reads an `@` at either edge of a piece, and an address whose local part is in the piece before', () => {
    // The last byte of the first piece, the first of the third, the second of the fourth; then an `@` two
    // bytes into the fifth piece, its local part in the fourth.
    let text = placeAt('', 'ann@one.io', 16383);
    text = placeAt(text, 'bob@two.io', 32768);
    text = placeAt(text, 'cy@three.io', 49153);
    text = placeAt(text, 'dee.long.local.part@four.io', 65538);
    text = placeAt(text, 'eve@five.io', 70000);
    // The last `@` is in the short block at the end (the text's length is not a multiple of 64).
    text = placeAt(text, 'fay@six.io', text.length + 100);
    expect(text.length % 64).not.toBe(0);
    expect(text.length - text.indexOf('fay@')).toBeLessThan(64);
    const k = kernelFor(text);
    k.seeEmails(0, text.length);
    expect(seenOf(k)).toBe(6);
    expect(names(k, text.length)).toEqual([['ann@one.io'], ['bob@two.io'], ['cy@three.io'], ['dee.long.local.part@four.io'], ['eve@five.io'], ['fay@six.io']]);
  });

  it('reads every `@` of a 64-byte block that holds five, and the same addresses again in the next piece', () => {
    const five = `${CODE} a@b.io c@d.io e@f.io g@h.io i@j.io\n`;
    const text = placeAt(five, 'a@b.io', 20000);
    const k = kernelFor(text);
    k.seeEmails(0, text.length);
    expect(seenOf(k)).toBe(5);
    expect(names(k, text.length)).toEqual([['a@b.io', 'c@d.io', 'e@f.io', 'g@h.io', 'i@j.io'], ['a@b.io']]);
  });

  it('reads local parts of 31 to 40 bytes and domains of 31 to 33 whole', () => {
    const local = (n: number) => `${'l'.repeat(n - 1)}${n % 10}`;
    // A domain run of n bytes: labels of d's, then `.io`.
    const domain = (n: number) => `${'d'.repeat(n - 3)}.io`;
    const addrs = [`${local(31)}@a.io`, `${local(32)}@a.io`, `${local(33)}@a.io`, `${local(40)}@a.io`, `x@${domain(31)}`, `x@${domain(32)}`, `x@${domain(33)}`];
    const text = addrs.map((a) => `${CODE} ${a}\n`).join('');
    const k = kernelFor(text);
    k.seeEmails(0, text.length);
    expect(seenOf(k)).toBe(7);
    expect(names(k, text.length)).toEqual(addrs.map((a) => [a]));
  });

  it('starts no local part before its range', () => {
    // The 20 bytes before the `@` are the range's first: the four before them are not read.
    const local = 'abcdefghij0123456789';
    const text = `zzzz${local}@a.io ${CODE}\n`;
    const k = kernelFor(text);
    k.seeEmails(4, text.length);
    expect(names(k, text.length, 4)).toEqual([[`${local}@a.io`]]);
  });

  it('reads no `@` at or past its end, in the block its end is in', () => {
    const text = `${CODE} a@b.io\n${CODE} c@d.io e@f.io\n`;
    const k = kernelFor(text);
    k.seeEmails(0, text.indexOf('c@'));
    expect(seenOf(k)).toBe(1);
    k.seeEmails(0, text.indexOf('@d'));
    expect(seenOf(k)).toBe(1);
    // An address is read inside the range only: its domain is past it.
    k.seeEmails(0, text.indexOf('@d') + 1);
    expect(seenOf(k)).toBe(1);
    k.seeEmails(0, text.length);
    expect(seenOf(k)).toBe(3);
  });

  it('passes over the `@`s of a line longer than its bound, in this piece and the next, and reads those after it', () => {
    const long = `{"msg":"${'ann@one.io '.repeat(2000)}"}\n`;
    expect(long.length).toBeGreaterThan(16384);
    const text = `{"user":"zed@first.io"}\n${long}{"user":"bob@two.io"}\n{"user":"zed@first.io"}\n`;
    const k = kernelFor(text);
    k.seeEmails(0, text.length, 1000);
    expect(seenOf(k)).toBe(2);
    k.seeEmails(0, text.length, long.length);
    expect(seenOf(k)).toBe(3);
  });
});
