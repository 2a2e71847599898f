/**
 * seeEmails meets most addresses again and again, and its seen memo may know one (then the run of label
 * bytes and dots after its `@` is taken as its domain, with no check). Whatever it met before, the addresses
 * it finds (seen, and kept for the lines' account ids) are those the rule finds in the bytes at hand: a run
 * that goes on, a range that ends or starts inside an address, a Message-ID, another case.
 */
import { describe, expect, it } from 'vitest';
import type { Kernel } from '../src/fast/kernels.js';
import { heldKernels, seenOf } from './support/held-kernels.js';

const kernels = heldKernels();

// Met first: the long one is 41 bytes, past the 32 of two 16-byte rounds.
const LONG = 'abcdefghijklmnopqrstuvwxyz0123@example.co';
const KNOWN = `rosa@x.io kim.park@example.com ${LONG}\n`;

/** A kernel holding KNOWN then `text`, which has met KNOWN's addresses; its seen count taken (reset). */
function knowing(text: string): Kernel {
  const k = kernels.holding(Buffer.from(KNOWN + text, 'latin1'), ['storage_error']);
  k.accountsReset();
  k.countsReset();
  k.takeSeen();
  k.seeEmails(0, KNOWN.length);
  expect(seenOf(k)).toBe(3);
  return k;
}

/** The account ids of the lines with codes of KNOWN.length + [0, n), in order. */
function ids(k: Kernel, n: number): number[][] {
  const out: number[][] = [];
  k.scanText(KNOWN.length, KNOWN.length + n, 1, (_ls, _le, _i, words, nCodes, nUnknown, at, nIds) => {
    if (nCodes > 0) out.push(Array.from(words.subarray(at + 2 * (nCodes + nUnknown), at + 2 * (nCodes + nUnknown) + nIds)));
  });
  return out;
}

/**
 * What seeEmails reads of `text` in a kernel that met KNOWN's addresses: the accounts it saw, the account ids
 * of each line with a code, and the names of those ids (0, 1, … in the order they were given).
 */
function read(text: string): { seen: number; ids: number[][]; names: string[] } {
  const k = knowing(text);
  k.seeEmails(KNOWN.length, KNOWN.length + text.length);
  const seen = seenOf(k);
  const lines = ids(k, text.length);
  const n = Math.max(-1, ...lines.flat()) + 1;
  return { seen, ids: lines, names: Array.from({ length: n }, (_, id) => k.accountName(id)) };
}

describe('an address seeEmails met before', () => {
  it('is not found where its domain goes on, its local part starts earlier, or it is the start of a longer one', () => {
    // rosa@x.io.uk is a longer domain; rosa@x.io-b has none (io-b is one label, not letters only); xrosa is
    // another local part; the long address with its last label `cz` is another account (byte 40 differs).
    const text = `storage_error rosa@x.io.uk rosa@x.io-b xrosa@x.io ${LONG} ${LONG.slice(0, -1)}z\n`;
    expect(read(text)).toEqual({ seen: 4, ids: [[0, 1, 2, 3]], names: ['rosa@x.io.uk', 'xrosa@x.io', LONG, `${LONG.slice(0, -1)}z`] });
  });

  it('is one account in any case, and before a dot that ends the line\'s sentence', () => {
    const text = 'storage_error ROSA@x.io and Rosa@X.io, rosa@x.io.\nstorage_error rosa@x.io\n';
    expect(read(text)).toEqual({ seen: 1, ids: [[0, 0, 0], [0]], names: ['rosa@x.io'] });
  });

  it('is a Message-ID after a Message-ID key, and after another Message-ID', () => {
    const text = 'storage_error Message-ID: <rosa@x.io> <kim.park@example.com>\nstorage_error owner <kim.park@example.com>\n';
    // Only line 2's: `owner` is no key.
    expect(read(text)).toEqual({ seen: 1, ids: [[], [0]], names: ['kim.park@example.com'] });
  });

  it('in `<…>` is a Message-ID when its local part looks like one, or one with a `/` follows a key', () => {
    // Line 1 makes the hex address known as an account; in `<…>` it is an id. `</rosa@x.io>` is an id whose
    // local part is `/rosa`, after a key; `mailbox=<rosa@x.io>` is an account.
    const text = 'storage_error 0123456789ab@mail.example.com\nstorage_error <0123456789ab@mail.example.com> Message-ID: </rosa@x.io> mailbox=<rosa@x.io>\n';
    expect(read(text)).toEqual({ seen: 2, ids: [[0], [1]], names: ['0123456789ab@mail.example.com', 'rosa@x.io'] });
  });

  it('not known: an id when `<…>` is around its local part and its domain, else an account', () => {
    // An id; `a=` is no `<` (the first time this kernel meets the address); `.1` ends no domain, so the
    // address before it is not in `<…>`.
    const text = 'storage_error <0a1b2c3d4e5f@mx.example.net>\nstorage_error a=0a1b2c3d4e5f@mx.example.net>\nstorage_error <0a1b2c3d4e5f@mx.example.net.1>\n';
    expect(read(text)).toEqual({ seen: 1, ids: [[], [0], [0]], names: ['0a1b2c3d4e5f@mx.example.net'] });
  });

  it('at a range\'s end: left to the next call when it may go on, none when the range ends inside it', () => {
    // The range ends after rosa@x.io; in memory a space follows it.
    const text = 'user=rosa@x.io x';
    const k = knowing(text);
    const [s, e] = [KNOWN.length, KNOWN.length + text.length - 2];
    k.seeEmails(s, e, Infinity, false, true);
    expect(seenOf(k)).toBe(0);
    k.seeEmails(s, e);
    expect(seenOf(k)).toBe(1);
    // rosa@x.i: its last label is one letter.
    k.seeEmails(s, e - 1);
    expect(seenOf(k)).toBe(0);
  });

  it('at a range\'s start: cut when the range starts inside a line, else read from there', () => {
    const text = 'xrosa@x.io';
    const k = knowing(text);
    const [s, e] = [KNOWN.length + 1, KNOWN.length + text.length];
    k.seeEmails(s, e, Infinity, true, false);
    expect(seenOf(k)).toBe(0);
    k.seeEmails(s, e);
    expect(seenOf(k)).toBe(1);
  });
});

describe('a line\'s account ids', () => {
  it('repeat the id of an address met again right after itself, in any case, and only then', () => {
    const text = 'storage_error a@x.io A@X.IO b@y.io b@y.io a@x.io bb@y.io b@y.io\n';
    const k = knowing(text);
    k.seeEmails(KNOWN.length, KNOWN.length + text.length);
    expect(ids(k, text.length)).toEqual([[0, 0, 1, 1, 0, 2, 1]]);
  });
});
