/** Redaction masks personal data and secrets, not the identifiers people correlate with (issue 12, point 5). */
import { describe, expect, it } from 'vitest';
import { redactText } from '../src/extract/redact.js';

describe('a dotted version is not an IP address', () => {
  it.each([
    ['client v1.2.3.4 started', 'client v1.2.3.4 started'],
    ['agent version 10.2.0.15 up', 'agent version 10.2.0.15 up'],
    ['build=4.1.2.9 deployed', 'build=4.1.2.9 deployed'],
    ['{"release":"2.0.0.1"}', '{"release":"2.0.0.1"}'],
    ['Release: v7.1.0.3', 'Release: v7.1.0.3'],
  ])('%s', (raw, kept) => {
    expect(redactText(raw)).toBe(kept);
  });

  it('an address after other words is still masked', () => {
    expect(redactText('from 10.2.0.15 via v1.2.3.4 (server 192.168.1.20)')).toBe('from [ipv4] via v1.2.3.4 (server [ipv4])');
    // "rev" and "dev" end in v but are not the v of a version.
    expect(redactText('dev 10.0.0.1')).toBe('dev [ipv4]');
  });
});

describe('trace, span, request and correlation ids are kept', () => {
  it.each([
    // 32 hex digits: masked as a hex run anywhere else.
    ['trace_id=4bf92f3577b34da6a3ce929d0e0e4736 storage_error', 'trace_id=4bf92f3577b34da6a3ce929d0e0e4736 storage_error'],
    // 16 hex digits (kept today too) and 40 base64 characters (masked anywhere else).
    ['{"span_id":"00f067aa0ba902b7","request_id":"cmVxdWVzdCBpZCAxMjM0NTY3ODkwIGFiY2RlZmdo"}', '{"span_id":"00f067aa0ba902b7","request_id":"cmVxdWVzdCBpZCAxMjM0NTY3ODkwIGFiY2RlZmdo"}'],
    ['X-Request-ID: 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08', 'X-Request-ID: 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08'],
    // 44 characters mixing digits, upper and lower case: masked as base64 anywhere else.
    ['correlation_id="Q2hlY2tpbmcgY29ycmVsYXRpb24gaWQgMTIzNDU2Nzg5"', 'correlation_id="Q2hlY2tpbmcgY29ycmVsYXRpb24gaWQgMTIzNDU2Nzg5"'],
  ])('%s', (raw, kept) => {
    expect(redactText(raw)).toBe(kept);
  });

  it('the same values under other keys, and whatever follows the id, are still masked', () => {
    expect(redactText('session=4bf92f3577b34da6a3ce929d0e0e4736 trace_id=abc123 user=carol@example.com from 10.1.2.3')).toBe(
      'session=[redacted-hex] trace_id=abc123 user=c***@example.com from [ipv4]',
    );
  });

  it('an address given as an id is masked whole, never kept in part', () => {
    expect(redactText('request_id=alice@example.com')).toBe('request_id=a***@example.com');
  });
});

describe('Message-IDs are masked like addresses', () => {
  it('after Message-ID, In-Reply-To and References, whatever the local part holds', () => {
    expect(redactText('Message-ID: <CAH=x+y/z9@mail.gmail.com>')).toBe('Message-ID: <C***@mail.gmail.com>');
    expect(redactText('In-Reply-To: <20260407.1@localhost>')).toBe('In-Reply-To: <2***@localhost>');
    expect(redactText('References: <a$1@one.example> <b!2@two.example>')).toBe('References: <a***@one.example> <b***@two.example>');
  });

  it('as the value of message, msgid and message_id keys', () => {
    expect(redactText('{"msgid":"<9d0e11@mail.fabrikam.com>","message_id":"<k#7@host>"}')).toBe('{"msgid":"<9***@mail.fabrikam.com>","message_id":"<k***@host>"}');
    expect(redactText('message=<x/y@relay>')).toBe('message=<x***@relay>');
  });
});

describe('an address of any shape is masked, its domain kept', () => {
  it.each([
    // A domain of letters outside ASCII (no account, but personal all the same).
    ['quota for info@bücher.de', 'quota for i***@bücher.de'],
    // An `@` JSON wrote as \u0040; a quoted local part.
    ['user jane\\u0040contoso.com', 'user j***\\u0040contoso.com'],
    ['to "john smith"@contoso.com', 'to "***@contoso.com'],
    // A word's `'` or `&` inside it, a guest's #EXT#: the whole local part, not its tail.
    ["for o'brien@contoso.com and r&d@contoso.com", 'for o***@contoso.com and r***@contoso.com'],
    // A quote the address closes (Python's u'…', SQL's N'…') is none of it: the address is masked, the prefix kept.
    ["recipients=[u'jane@contoso.com', u'bob@contoso.com'] N'erin@contoso.com'", "recipients=[u'j***@contoso.com', u'b***@contoso.com'] N'e***@contoso.com'"],
    ['GET /users/bob_fabrikam.com#EXT#@contoso.onmicrosoft.com/drive', 'GET /users/b***@contoso.onmicrosoft.com/drive'],
    // A user's name that is an address, then a password.
    ['imaps://jane@contoso.com:Winter2026@outlook.office365.com:993', 'imaps://j***@contoso.com:[redacted]@outlook.office365.com:993'],
  ])('%s', (raw, masked) => {
    expect(redactText(raw)).toBe(masked);
  });
});
