/**
 * The kernel finds e-mail addresses 32 bytes at a time (a local part's start by the bits of the 32 bytes
 * before its `@`, a domain's labels by those of the 32 after it, a short Message-ID's hex run likewise) and
 * byte by byte past them. Whatever the lengths, it finds what src/extract/accounts.ts finds, and counts as
 * accounts seen the distinct ones (lower-cased), repeated ones included.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findAccountsInBytes } from '../src/extract/accounts.js';
import { acquireKernel, releaseKernel } from '../src/fast/kernel-pool.js';
import { newSeen, seenCount } from '../src/summary/accounts-seen.js';

const kernelEmails = (text: string): string[] => {
  const k = acquireKernel();
  try {
    const bytes = Buffer.from(text, 'latin1');
    const buf = k.room(bytes.length);
    buf.set(bytes);
    const out: string[] = [];
    // Plain text: emails() reads a line by the text's kind that seeEmails set for its chunk (a pooled kernel
    // may come from a JSON file's scan).
    k.seeEmails(0, 0);
    k.emails(0, bytes.length, { email: (s: number, e: number) => out.push(bytes.toString('latin1', s, e).toLowerCase()) });
    return out;
  } finally {
    releaseKernel(k);
  }
};

const kernelSeen = (text: string): number => {
  const k = acquireKernel();
  try {
    const bytes = Buffer.from(text, 'latin1');
    const buf = k.room(bytes.length);
    buf.set(bytes);
    const seen = newSeen();
    k.takeSeen();
    k.seeEmails(0, bytes.length);
    k.takeSeen(seen);
    return seenCount(seen).count;
  } finally {
    releaseKernel(k);
  }
};

const reference = (text: string): string[] => {
  const bytes = Buffer.from(text, 'latin1');
  const out: string[] = [];
  findAccountsInBytes(bytes, 0, bytes.length, { add: (a: string) => out.push(a) });
  return out;
};

// Labels of letters, digits and hyphens of any length, so domains end inside, at and past 32 bytes.
// A file's extension after a domain too (`.pst`, `.CSV`, `.gz`), and labels that only start like one.
const piece = fc.constantFrom('a', 'Z', 'q', '1', '0', '-', '.', '..', 'bc', 'com', 'co', 'uk', 'x1', 'abcdefghijklmnop', '0123456789abcdef', '.pst', '.CSV', '.gz', '.json', '.psts', '.mbo');
const domain = fc.array(piece, { maxLength: 14 }).map((a) => a.join(''));
// A URL's encodings too: of a character no local part holds (%20, %3d, %2F) and of one it does (%2B, %2e, %5F).
const local = fc.array(fc.constantFrom('a', 'B', '9', '.', '_', '%', '+', '-', 'rosa', 'abcdef0123456789', 'CA', '%20', '%3d', '%2F', '%2B', '%2e', '%5F'), { maxLength: 14 }).map((a) => a.join(''));
// JSON's escapes before a local part too (\u003c, \n, an escaped backslash, a bad \u), and a lone backslash.
const around = fc.constantFrom('', ' ', '<', '>', 'user=', 'message-id: <', '<a@b.cd> <', '\n', ':', ',', 'é', '\\u003c', '\\n', '\\\\n', '\\\\\\t', '\\u00', '\\uZZZZ', '\\', '\\b', 'https://u:', '//:', 'x//ann:', 'a b//u:', 'https://u@h:');
const email = fc.tuple(around, local, domain, around).map(([a, l, d, b]) => `${a}${l}@${d}${b}`);
const line = fc.array(email, { minLength: 1, maxLength: 4 }).map((a) => a.join(''));

describe('the kernel finds e-mail addresses', () => {
  it('as the rule does, whatever the lengths of the local part, the labels and what is around them', () => {
    fc.assert(
      fc.property(line, (text) => {
        expect(kernelEmails(text)).toEqual(reference(text));
      }),
      { numRuns: 3000, seed: 5 },
    );
  });

  it('and counts the distinct ones as accounts seen', () => {
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 6 }), (lines) => {
        const text = lines.join('\n');
        const distinct = new Set(lines.flatMap((l) => reference(l)));
        expect(kernelSeen(text)).toBe(distinct.size);
      }),
      { numRuns: 1000, seed: 6 },
    );
  });

  it('hand-picked: domains that end at, before and past 32 bytes, and labels that spoil them', () => {
    const cases: [string, string[]][] = [
      ['a@b.co.uk.', ['a@b.co.uk']],
      ['alice@example.com10 x', []],
      ['alice@example.com1999-00-00T00:17', []],
      ['a@b.c1om.de', ['a@b.c1om.de']],
      ['a@bb.cc.1d', ['a@bb.cc']],
      ['a@-b.com a@b-.com a@b..com a@b.c-om', []],
      [`x@${'a'.repeat(29)}.de`, [`x@${'a'.repeat(29)}.de`]],
      [`x@${'a'.repeat(30)}.de`, [`x@${'a'.repeat(30)}.de`]],
      [`x@${'a'.repeat(40)}.example.org!`, [`x@${'a'.repeat(40)}.example.org`]],
      [`${'b'.repeat(31)}@c.de ${'b'.repeat(33)}@c.de`, [`${'b'.repeat(31)}@c.de`, `${'b'.repeat(33)}@c.de`]],
      ['<0123456789ab@mail.example.com>', []],
      ['<0123456789a@mail.example.com>', ['0123456789a@mail.example.com']],
      ['mailbox=<Rosa.Ivanova@Globex.io> and rosa.ivanova@globex.IO', ['rosa.ivanova@globex.io', 'rosa.ivanova@globex.io']],
      // A file named after a mailbox: the address is before its extensions; .zip is a top-level domain.
      ['ben@contoso.com.pst BEN@CONTOSO.COM.PST ann@contoso.com.csv.gz a@b.zip c@d.psts e@f.pst.de', ['ben@contoso.com', 'ben@contoso.com', 'ann@contoso.com', 'a@b.zip', 'c@d.psts', 'e@f.pst.de']],
      [`x@${'a'.repeat(40)}.example.org.mbox!`, [`x@${'a'.repeat(40)}.example.org`]],
      ['x@y.pst a@mail.log.gz', []],
    ];
    for (const [text, want] of cases) {
      expect(reference(text), text).toEqual(want);
      expect(kernelEmails(text), text).toEqual(want);
    }
    expect(kernelSeen(cases.map(([t]) => t).join('\n'))).toBe(new Set(cases.flatMap(([, w]) => w)).size);
  });

  it('hand-picked: an address in `<…>` after each Message-ID key (any case), or after another word', () => {
    const cases: [string, string[]][] = [
      ['Message-ID: <a@b.cd>', []],
      ['IN-REPLY-TO:<a@b.cd>', []],
      ['References: <x@y.zz> <a@b.cd>', []],
      ['message <a@b.cd> msgid=<c@d.ef> Message_Id: <e@f.gh>', []],
      ['mailbox=<a@b.cd> id <c@d.ef> messages: <e@f.gh> Message-IDs <i@j.kl>', ['a@b.cd', 'c@d.ef', 'e@f.gh', 'i@j.kl']],
      ['<a@b.cd>', ['a@b.cd']],
    ];
    for (const [text, want] of cases) {
      expect(reference(text), text).toEqual(want);
      expect(kernelEmails(text), text).toEqual(want);
    }
  });

  it('reads each line alone: a Message-ID key on the line before is not this line\'s', () => {
    // Line 2's `<a@b.cd>` follows a `>` at its start; the rule stops there, before line 1's `<` and key.
    expect(reference('><a@b.cd>')).toEqual(['a@b.cd']);
    expect(kernelSeen('message-id: <x@y.zz\n><a@b.cd>')).toBe(2);
  });

  it('counts an account repeated on neighbouring lines once, and again after the count is taken (a new file)', () => {
    // Three lines of one account (two spellings), another, then the first again: two distinct.
    expect(kernelSeen('user=a@b.cd x\nuser=A@B.CD y\nuser=a@b.cd\nc@d.ef\na@b.cd')).toBe(2);
    const k = acquireKernel();
    try {
      const bytes = Buffer.from('a@b.cd a@b.cd', 'latin1');
      k.room(bytes.length).set(bytes);
      k.takeSeen();
      const first = newSeen();
      k.seeEmails(0, bytes.length);
      k.takeSeen(first);
      // The same address, the last one seen, read again after the count was taken: it counts in the new one.
      const second = newSeen();
      k.seeEmails(0, 6);
      k.takeSeen(second);
      expect([seenCount(first).count, seenCount(second).count]).toEqual([1, 1]);
    } finally {
      releaseKernel(k);
    }
  });

  it('finds every address of a 64-byte search round, and those of the last bytes past the rounds', () => {
    // Twenty addresses of 8 bytes and a space (a10@b.cd … a29@b.cd): 180 bytes, seven or eight `@`s in each
    // 64 bytes, the last ones fewer than 64 bytes from the end; all distinct.
    const text = Array.from({ length: 20 }, (_, i) => `a${10 + i}@b.cd`).join(' ');
    expect(kernelSeen(text)).toBe(20);
    // The same twenty, each twice in a row: still twenty.
    expect(kernelSeen(Array.from({ length: 20 }, (_, i) => `a${10 + i}@b.cd a${10 + i}@b.cd`).join(' '))).toBe(20);
  });
});
