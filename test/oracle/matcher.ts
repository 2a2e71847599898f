/**
 * The oracle's string matcher: the catalog codes and unknown codes of one record's text, found with regular
 * expressions on the decoded string. The engine finds them on bytes (src/fast/check-word.ts and the kernel);
 * the property tests compare the two.
 */
import type { CatalogEntry } from '../../src/catalog/types.js';
import type { Matcher } from '../../src/extract/matcher.js';
import type { CodeMatch, UnknownMatch } from '../../src/model/finding.js';

export type { CodeMatch, UnknownMatch };

/** True when the UTF-16 unit at i is a word character [A-Za-z0-9_] (written out again: the engine's table is src/extract/chars.ts). */
const isWordAt = (s: string, i: number): boolean => /[A-Za-z0-9_]/.test(s[i] ?? '');

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');

/**
 * Does an escape's tail end at i — `\n`, `\t`, `\r`, `\b`, `\f`, or `\u` and four hex digits after a `\`,
 * or two hex digits after a `%` (written out again: the engine's is src/extract/chars.ts pastEscape)? Its letters are then no word
 * characters before a code.
 */
const escapeEndsAt = (text: string, i: number): boolean => /(?:\\(?:[bfnrt]|u[0-9A-Fa-f]{4})|%[0-9A-Fa-f]{2})$/.test(text.slice(Math.max(0, i - 6), i));

interface Compiled {
  /** Finds positions where some code may start; each is then checked exactly. */
  readonly candidates: RegExp;
  /** Lower-cased first character → entries starting with it, longest first. */
  readonly byFirst: ReadonlyMap<string, readonly { key: string; entry: CatalogEntry }[]>;
}

const compiled = new WeakMap<Matcher, Compiled>();

function compile(m: Matcher): Compiled {
  const known = compiled.get(m);
  if (known !== undefined) return known;
  const keys = m.catalog.entries.map((e) => ({ key: e.code.toLowerCase(), entry: e }));
  keys.sort((a, b) => b.key.length - a.key.length || (a.key < b.key ? -1 : 1));
  const byFirst = new Map<string, { key: string; entry: CatalogEntry }[]>();
  for (const k of keys) {
    const first = k.key[0] ?? '';
    const list = byFirst.get(first) ?? [];
    list.push(k);
    byFirst.set(first, list);
  }
  const alternatives = keys.map((k) => escapeRegExp(k.key)).join('|');
  const candidates = new RegExp(keys.length === 0 ? '(?!)' : `(?:(?<![A-Za-z0-9_])|(?<=\\\\(?:[bfnrt]|u[0-9A-Fa-f]{4})|%[0-9A-Fa-f]{2}))(?:${alternatives})(?![A-Za-z0-9_])`, 'gi');
  const c = { candidates, byFirst };
  compiled.set(m, c);
  return c;
}

/**
 * The catalog codes in one record, each once, in order of first occurrence. A code counts where it occurs
 * case-insensitively (ASCII) and the characters right before and after it are not [A-Za-z0-9_].
 */
export function findCodes(text: string, m: Matcher): CodeMatch[] {
  const found: CodeMatch[] = [];
  const { candidates: re, byFirst } = compile(m);
  re.lastIndex = 0;
  let seen: Set<CatalogEntry> | undefined;
  for (let hit = re.exec(text); hit !== null; hit = re.exec(text)) {
    const at = hit.index;
    // Several codes may start at one position ("e-1" and "e-1-x"): check every one of them.
    for (const { key, entry } of byFirst.get(text[at]!.toLowerCase()) ?? []) {
      if (seen?.has(entry)) continue;
      if (!matchesAt(text, at, key)) continue;
      seen ??= new Set();
      seen.add(entry);
      found.push({ entry, at });
    }
    re.lastIndex = at + 1;
  }
  return found;
}

function matchesAt(text: string, at: number, key: string): boolean {
  const end = at + key.length;
  if (end > text.length || isWordAt(text, end) || (at > 0 && isWordAt(text, at - 1) && !escapeEndsAt(text, at))) return false;
  for (let i = 0; i < key.length; i++) {
    let c = text.charCodeAt(at + i);
    if (c >= 65 && c <= 90) c += 32;
    if (c !== key.charCodeAt(i)) return false;
  }
  return true;
}

/**
 * The key, a whole token, then an optional `"`, spaces, `=` or `:`, spaces, an optional `"`, and a value
 * shaped like a code: a letter, letters or digits, then `_`-joined groups of letters or digits.
 */
const UNKNOWN =
  /(?<![A-Za-z0-9_])(?:code|error_code|errorcode)"?[ \t]*[=:][ \t]*"?([A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)+)(?![A-Za-z0-9_])/gi;

/** Values of `code`, `error_code` or `errorCode` keys that look like codes but are not in the catalog. */
export function findUnknownCodes(text: string, m: Matcher): UnknownMatch[] {
  const found: UnknownMatch[] = [];
  let seen: Set<string> | undefined;
  UNKNOWN.lastIndex = 0;
  for (let hit = UNKNOWN.exec(text); hit !== null; hit = UNKNOWN.exec(text)) {
    const code = hit[1]!;
    const key = code.toLowerCase();
    if (m.catalog.byKey.has(key) || seen?.has(key)) continue;
    seen ??= new Set();
    seen.add(key);
    found.push({ code, at: hit.index + hit[0].length - code.length });
  }
  return found;
}
