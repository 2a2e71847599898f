/**
 * Masks personal and secret data in a piece of log text: e-mail addresses and Message-IDs (the domain is
 * kept: `a***@example.com`), IPv4 and IPv6 addresses, bearer tokens, the values of password/token/secret-like
 * keys, and long hex or base64 runs. Identifiers people correlate with are kept: the values of trace, span,
 * request and correlation id keys, and dotted versions (`v1.2.3.4`, `build 4.1.2.9`).
 */
export function redactText(text: string): string {
  let out = '';
  let last = 0;
  for (const m of text.matchAll(KEEP_ID)) {
    const end = m.index + m[0].length;
    out += mask(text.slice(last, m.index + m[1]!.length)) + m[2]!;
    last = end;
  }
  return last === 0 ? mask(text) : out + mask(text.slice(last));
}

/**
 * A file's path redacted: addresses, IPs and secrets as in its text, but its long hex and base64 runs kept —
 * in a path they are the ids that name it (a container's `<64 hex>-json.log`, a pod's log), no secret, and
 * annotations and evidence must still point at the file.
 */
export function redactPath(text: string): string {
  return mask(text, false);
}

function mask(text: string, runs = true): string {
  const masked = text
    .replace(URL_PASSWORD, '$1[redacted]@')
    .replace(BEARER, (_m, bearer?: string, other?: string) => `${bearer ?? other ?? ''} [redacted]`)
    .replace(COOKIE, '$1[redacted]')
    .replace(SECRET_VALUE, (_m, key: string, sep: string, dq?: string, dqOpen?: string, sq?: string, sqOpen?: string, eq?: string) =>
      `${key}${sep}${dq !== undefined ? '"[redacted]"' : dqOpen !== undefined ? '"[redacted]' : sq !== undefined ? "'[redacted]'" : sqOpen !== undefined ? "'[redacted]" : eq !== undefined ? '\\"[redacted]\\"' : '[redacted]'}`,
    )
    .replace(MESSAGE_ID, (_m, key: string, ids: string) => key + ids.replace(ANGLE_ID, (_a, local: string, host: string) => `<${local[0] ?? ''}***@${host}>`))
    .replace(EMAIL, (_m, local: string, at: string, domain: string) => `${local[0] ?? ''}***${at}${domain}`)
    .replace(IPV6_V4, '[ipv6]')
    .replace(IPV6, (m) => (isIpv6(m) ? '[ipv6]' : m))
    .replace(IPV4, (m: string, at: number, all: string) => (VERSION_BEFORE.test(all.slice(Math.max(0, at - 24), at)) ? m : '[ipv4]'));
  if (!runs) return masked;
  return masked
    .replace(HEX_RUN, '[redacted-hex]')
    .replace(BASE64_RUN, (m) => (/[0-9]/.test(m) && /[A-Z]/.test(m) && /[a-z]/.test(m) ? '[redacted-base64]' : m));
}

// The values of these keys are ids people search other systems for: kept whole. The value must end where
// the id does (never just before an `@`), so no part of an address is ever kept by it.
const KEEP_ID =
  /((?<![A-Za-z0-9_-])(?:x-request-id|trace[_-]id|span[_-]id|request[_-]id|correlation[_-]id)(?:\\?["'])?\s*[=:]\s*(?:\\?["'])?)([A-Za-z0-9._~+/=-]+)(?![A-Za-z0-9._~+/=@-])/gi;
// A Message-ID names its sender's host and often the sender: masked like an address, whatever its local
// part holds (`<CAH=x+y/z@mail.gmail.com>`, `<20260407.1@localhost>`). References may list several.
const MESSAGE_ID =
  /((?<![A-Za-z0-9_-])(?:message-id|in-reply-to|references|message_id|msgid|message)(?:\\?["'])?\s*[=:]\s*(?:\\?["'])?)((?:[\s,]*<[^<>\s@]+@[^<>\s@]+>)+)/gi;
const ANGLE_ID = /<([^<>\s@]+)@([^<>\s@]+)>/g;
// A dotted number after a version word is a version, not an address: `v10.2.0.15`, `build=4.1.2.9`.
const VERSION_BEFORE = /(?:(?<![A-Za-z0-9])v|\b(?:version|build|release)(?:\\?["'])?\s*[=:]?\s*(?:\\?["'])?v?)$/i;
// An address in a URL has its `@` encoded (`/users/ann%40example.com`): masked as well. A local part with
// Latin letters outside ASCII (`jürgen@…`, no account: see cutAfterLetter) or U+FFFD (a byte of another
// encoding: `m\xfcller@…`), or `'` (not one the address closes: `u'jane@…'`), `&`, `#`, `!` or `*` inside it
// (`o'brien@…`: see cutInWord), or a
// Microsoft 365 guest's `#EXT#` after it, is masked whole; so are a quoted local part (`"john smith"@…`), an
// `@` written `\u0040`, and a domain of letters outside ASCII (`info@bücher.de`: no account, but personal).
// An unquoted local part is tried only with an `@` (or its encodings) in the 256 bytes before the next blank:
// a long run of words joined by `'` or `#` (no address) is passed over in linear time.
const EMAIL =
  /(?<![A-Za-z0-9._%+\u00c0-\u024f\ufffd-])("[^"\n@]{1,64}"|(?=[^\s@]{1,256}?(?:@|%40|\\u0040))[A-Za-z0-9._%+\u00c0-\u024f\ufffd-]+(?:(?:'(?![^\s@']*@[^\s']*')|[&#!*])[A-Za-z0-9._%+\u00c0-\u024f\ufffd-]+)*(?:#[Ee][Xx][Tt]#)?)(@|%40|\\u0040)([A-Za-z0-9\u00c0-\uffff](?:[A-Za-z0-9\u00c0-\uffff-]*[A-Za-z0-9\u00c0-\uffff])?(?:\.[A-Za-z0-9\u00c0-\uffff](?:[A-Za-z0-9\u00c0-\uffff-]*[A-Za-z0-9\u00c0-\uffff])?)+)/g;
// A bearer token is a secret at any length; after Basic or Token a short word is more likely prose.
/** A URL's password: `scheme://user:` then it, up to the `@` (src/extract/accounts.ts urlPassword: no account either). */
// Its scheme starts where a run of scheme bytes does (tried at each byte of a long run, it was quadratic).
const URL_PASSWORD = /((?<![A-Za-z0-9+.-])[A-Za-z][A-Za-z0-9+.-]*:\/\/[^\s/:"'<>]*:)[^\s/@"'<>]+@/g;
const BEARER = /\b(?:(Bearer)\s+[A-Za-z0-9._~+/=-]+|(Basic|Token)\s+[A-Za-z0-9._~+/=-]{8,})/gi;
// A Cookie or Set-Cookie header holds sessions (`Cookie: sid=…; token=…`): its whole value, to the line's end
// or its closing quote, not only its first pair.
const COOKIE = /((?<![A-Za-z0-9])(?:set-)?cookie(?:\\?["'])?\s*[=:]\s*(?:\\?["'])?)(?!\[redacted)[^\n"'\\]+/gi;
// A quoted value is masked to its closing quote (spaces and all; a quote escaped inside it, `\"`, does not
// close it) or, with none (a line cut short), to the line's end; an unquoted one to the next separator (true,
// false and null are no secrets: `hasToken: false`); inside a JSON string the quotes are escaped (`\"`), and the
// value is masked to the escaped closing one (past an escaped escaped quote, `\\\"`). The key may end a longer
// name (db_password, api_token, aws.access_key): `\b` alone misses it after `_`; password, passwd, passphrase,
// secret and token also end a camelCase one (smtpPassword, accessToken).
const SECRET_VALUE =
  /((?:(?:\b|(?<=[_.-]))(?:password|passwd|passphrase|pwd|pass|token|access[_-]?token|refresh[_-]?token|id[_-]?token|secret|client[_-]?secret|api[_-]?key|apikey|access[_-]?key|auth|authorization|credentials?|session[_-]?id|private[_-]?key)|(?<=[A-Za-z0-9])(?:password|passwd|passphrase|secret|token))(?:\\?["'])?)(\s*[=:]\s*)(?!\\?["']?\[redacted)(?:"((?:\\.|[^"\\\n])*)"|"((?:\\.|[^"\\\n])*\\?)(?=\n|$)|'((?:\\.|[^'\\\n])*)'|'((?:\\.|[^'\\\n])*\\?)(?=\n|$)|\\"((?:[^"\\]|\\\\\\\\|\\\\\\"|\\{1,2}[^\\"])*)\\"|(?:\\")?(?!(?:true|false|null)\b)[^\s"'&,;)}\]]+)/gi;
const IPV4 = /(?<![0-9.])(?:(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\.){3}(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])(?![0-9]|\.[0-9])/g;
// An IPv6 address ending in an IPv4 one (::ffff:203.0.113.9).
const IPV6_V4 = /(?<![0-9A-Za-z_:.])(?:[0-9A-Fa-f]{0,4}:){2,6}(?:(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\.){3}(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])(?![0-9]|\.[0-9])/g;
const IPV6 = /(?<![0-9A-Za-z_:.])(?:[0-9A-Fa-f]{0,4}:){2,7}[0-9A-Fa-f]{0,4}(?:%[0-9A-Za-z]+)?(?![0-9A-Za-z_:])/g;
const HEX_RUN = /(?<![0-9A-Fa-f])[0-9A-Fa-f]{32,}(?![0-9A-Fa-f])/g;
const BASE64_RUN = /(?<![A-Za-z0-9+/_-])[A-Za-z0-9+/_-]{40,}={0,2}(?![A-Za-z0-9+/=_-])/g;

/** An IPv6 address: eight groups, or fewer around one `::`. */
function isIpv6(s: string): boolean {
  const addr = s.replace(/%.*$/, '');
  const compressed = addr.includes('::');
  if ((addr.match(/::/g) ?? []).length > 1) return false;
  const groups = addr.split(':').filter((g) => g !== '');
  if (!compressed && groups.length !== 8) return false;
  // A time of day (`10:15:00`) has three groups and no `::`: it is never taken for an address.
  return !compressed || (groups.length >= 1 && groups.length <= 7);
}

/**
 * Evidence text with redaction: the record is redacted before it is cut to its window, so a secret or an
 * address is never left half visible at the edge of a sample. The code itself (a word) is kept.
 */
export function redactAround(text: string, at: number, len: number): { text: string; at: number } {
  const before = redactText(text.slice(0, at));
  return { text: before + text.slice(at, at + len) + redactText(text.slice(at + len)), at: before.length };
}
