/**
 * Generators of log inputs for the reader property tests (see proof-gen.ts): the words — catalog codes in
 * random case, near misses, fillers, separators, invalid UTF-8 placeholders, `key<sep>value` tokens — the
 * messages made of them, and plain-text inputs, one message a line.
 */
import fc from 'fast-check';
import { BUILTIN_CATALOG } from '../../src/catalog/builtin.js';
import { type Built, lineByLine } from './proof-gen-expected.js';
import { afterFirstWord, clockFirst, startOnly } from './line-heads.js';

export const CODES: readonly string[] = BUILTIN_CATALOG.map((e) => e.code);
const BY_KEY = new Map(CODES.map((c) => [c.toLowerCase(), c]));
/** The catalog spelling of a code, case-insensitively; undefined when it is not a catalog code. */
export const catalogCode = (s: string): string | undefined => BY_KEY.get(s.toLowerCase());

/** Random ASCII case (only ASCII letters change: `ı`.toUpperCase() is `I`, which would make a near miss a code). */
export const casing = (s: string): fc.Arbitrary<string> =>
  fc
    .array(fc.boolean(), { minLength: s.length, maxLength: s.length })
    .map((flags) => [...s].map((ch, i) => (!/[A-Za-z]/.test(ch) ? ch : flags[i] ? ch.toUpperCase() : ch.toLowerCase())).join(''));

/** Characters that are not [A-Za-z0-9_] (non-ASCII letters included: they are boundaries too). */
export const TEXT_SEPS = [
  ' ', '  ', '\t', '[', ']', '(', ')', '{', '}', '<', '>', '=', ':', '"', "'", ',', ';', '/', '\\', '?', '!', '-', '.',
  '|', '@', '#', '$', '%', '&', '*', '+', '~', '`', '^', '\u00e9', '\u00df', '\u0131', '\u20ac', '\u{1f600}', '\u00a0',
  '\u3000', ' - ', '=>', '...', '\u00ff\u00fe',
] as const;
/** Separators inside JSON strings: no control character, whose JSON escape (`\t`) would end in a letter. */
export const JSON_SEPS = TEXT_SEPS.filter((s) => !s.includes('\t'));
/** Separators of a bare (unquoted, malformed) JSON array element: nothing that opens, closes or splits one. */
export const BARE_SEPS = TEXT_SEPS.filter((s) => !/[[\]{}",]/.test(s));

/** Words that must NOT count: a code with a word character stuck to it, another separator, a non-ASCII fold. */
export const NEAR_MISSES = [
  'storage_error_count', 'xsmime_error', 'storage-error', 'storage error', 'storage.error', 'execution_failed2',
  '2execution_failed', 'web_hook', 'task_finished_with_errors', 'STORAGE_USER_WITH_ERRORS', '_storage_error',
  'storage_error_', '__smime_error__', 'smime__error', 'storage_erro', 'torage_error', 'web_hook_moved_total',
  'task_finished', 'accounts_and_groups_source_sync', 'sm\u0131me_error', 'web_hoo\u212a_moved', '\u017ftorage_error',
  'execution_failed_x', 'store_in_ai_error9', 'web_hook_deleted_', 'connection_error_max_retry_count',
] as const;

/** Harmless words (no code, no `code` key: no unknown code either). */
export const FILLERS = [
  'INFO', 'WARN', 'ERROR', 'mail2cloud', 'sync', 'user42', 'Box', 'OneDrive', 'retry', 'the', 'x', '0', '1234', 'ok',
  'a_b', '_', '__', 'error', 'storage', 'task', 'finished', 'with', 'hook', 'alice@example.com', '2026-03-18T08:00:00Z',
  'req-1001', 'failed', 'moved',
] as const;

/** Invalid UTF-8, each standing in the text as a placeholder character until `encode`. */
export const JUNK = [[0xff], [0xc3], [0xe2, 0x82], [0xed, 0xa0, 0x80], [0xc0, 0xaf], [0xf0, 0x9f, 0x98], [0xfe], [0x80]].map((b) => Buffer.from(b));
export const PLACEHOLDER = 0xe000;
const junkToken = fc.integer({ min: 0, max: JUNK.length - 1 }).map((i) => String.fromCharCode(PLACEHOLDER + i));

/** A run of tokens joined by separators, and the catalog codes and unknown codes placed in it. */
export interface Msg {
  readonly text: string;
  /** Catalog spelling. */
  readonly codes: readonly string[];
  /** Code-shaped values given to a `code`, `error_code` or `errorCode` key, not in the catalog. */
  readonly unknown: readonly string[];
}

interface Token {
  text: string;
  code?: string;
  unknown?: string;
}

export const codeToken: fc.Arbitrary<Token> = fc.constantFrom(...CODES).chain((c) => casing(c).map((text) => ({ text, code: c })));
const nearToken: fc.Arbitrary<Token> = fc.constantFrom(...NEAR_MISSES).chain((w) => casing(w).map((text) => ({ text })));
const fillerToken: fc.Arbitrary<Token> = fc.constantFrom(...FILLERS).map((text) => ({ text }));
/**
 * A code after a URL's encoded character (`%20`, `%3d`): it counts. After `%25` written before the digits (a
 * second encoding, `%2520`) or after a `%` and a letter that is no hex digit it is a near miss.
 */
const encodedToken: fc.Arbitrary<Token> = fc.tuple(fc.constantFrom('%20', '%3D', '%3a', '%2F', '%0A'), codeToken, fc.boolean()).map(([pct, t, miss]) =>
  miss ? { text: `%25${pct.slice(1)}${t.text}` } : { text: pct + t.text, code: t.code! },
);

/** Values shaped like codes (a letter, then `_`-joined groups) that are not in the catalog. */
export const SHAPED_UNKNOWN = ['quota_exceeded', 'Mailbox_Full', 'E_42', 'Zip_Zap', 'x_1_y'] as const;

/** Where a `key<sep>value` token goes: what its separators may hold and still read as written. */
export type Keyed = 'none' | 'text' | 'raw' | 'json';

/**
 * `key<sep>value`: the text rule's unknown code when the value is code-shaped and not in the catalog, a
 * catalog code when it is one. `"` only in plain text (JSON escapes it, CSV doubles it: the pattern breaks),
 * a tab not in JSON strings (escaped as `\t`).
 */
const keyedToken = (where: Keyed): fc.Arbitrary<Token> =>
  fc
    .tuple(
      fc.constantFrom('code', 'error_code', 'errorCode').chain(casing),
      fc.constantFrom('=', ': ', ' = ', ':', ...(where === 'json' ? [] : ['\t:\t']), ...(where === 'text' ? ['":"', ' = "', '": "'] : [])),
      fc.oneof(fc.constantFrom(...SHAPED_UNKNOWN).map((v) => ({ text: v, unknown: v })), codeToken),
    )
    .map(([k, sep, v]) => ({ ...v, text: k + sep + v.text }));

/**
 * Tokens separated by at least one separator each, so every code token is bounded by a separator or the
 * edge of the message. Junk (invalid UTF-8) only comes as a token of its own: never next to a code.
 */
export function msg(seps: readonly string[], opts: { junk?: boolean; maxTokens?: number; keyed?: Keyed } = {}): fc.Arbitrary<Msg> {
  const tokens: fc.WeightedArbitrary<Token>[] = [
    { weight: 4, arbitrary: codeToken },
    { weight: 3, arbitrary: nearToken },
    { weight: 3, arbitrary: fillerToken },
    { weight: 1, arbitrary: encodedToken },
  ];
  if (opts.junk === true) tokens.push({ weight: 1, arbitrary: junkToken.map((text) => ({ text })) });
  if (opts.keyed !== undefined && opts.keyed !== 'none') tokens.push({ weight: 1, arbitrary: keyedToken(opts.keyed) });
  const n = opts.maxTokens ?? 8;
  return fc
    .record({
      toks: fc.array(fc.oneof(...tokens), { maxLength: n }),
      seps: fc.array(fc.constantFrom(...seps), { minLength: n + 2, maxLength: n + 2 }),
      lead: fc.boolean(),
      trail: fc.boolean(),
    })
    .map(({ toks, seps: s, lead, trail }) => {
      let text = lead ? s[0]! : '';
      toks.forEach((t, i) => {
        if (i > 0) text += s[i + 1]!;
        text += t.text;
      });
      if (trail) text += s[n + 1]!;
      return {
        text,
        codes: toks.flatMap((t) => (t.code === undefined ? [] : [t.code])),
        unknown: toks.flatMap((t) => (t.unknown === undefined ? [] : [t.unknown])),
      };
    });
}

// ------------------------------------------------------------------------------------------------
// Plain text
// ------------------------------------------------------------------------------------------------

/**
 * What a plain-text line may start with: an exception's head (a time further in is then not its own), a time
 * of day alone (the line starts a record), a stack frame.
 */
const HEADS = [
  'Caused by: ', '\tSuppressed: ', ' ---> ', 'java.lang.IllegalStateException: ', 'ValueError: ', 'Error: ', 'Errors: ', 'Exception in thread "main" ',
  'panic: ', '-- Boot -- ', '09:14:02.113 [main] ', '[23:59:60] ', '09:14:02,113Z ', '\tat x.Y.z(Y.java:1) ', ' INFO ', '  Date: ', '    ',
] as const;
const headed: fc.Arbitrary<Msg> = fc
  .tuple(fc.constantFrom(...HEADS), msg(TEXT_SEPS, { junk: true, keyed: 'text' }))
  .map(([head, m]) => ({ ...m, text: head + m.text }));

/**
 * The own time of a generated line: the one time it may hold (a filler token), at its start or, but on some
 * lines (see startOnly), further in than right after its first word.
 */
const ownTime = (t: string): boolean =>
  /^[ \t]*["(<[]?2026-03-18T08:00:00Z/.test(t) ||
  (t.includes('2026-03-18T08:00:00Z') && !startOnly(t)) ||
  t.startsWith('2026-03-18T08:00:00Z', afterFirstWord(t));

export const textInput: fc.Arbitrary<Built> = fc
  .record({
    lines: fc.array(
      fc.oneof(
        { weight: 8, arbitrary: msg(TEXT_SEPS, { junk: true, keyed: 'text' }) },
        { weight: 2, arbitrary: headed },
        { weight: 1, arbitrary: fc.constant({ text: '', codes: [], unknown: [] }) },
      ),
      { maxLength: 25 },
    ),
    finalNewline: fc.boolean(),
  })
  .map(({ lines, finalNewline }) => {
    // A line with a time of its own, or a time of day alone first, starts a record (see lineByLine).
    const { text, expected: exp } = lineByLine(lines, finalNewline, ownTime, clockFirst);
    const first = lines.map((l) => l.text.trim()).find((l) => l !== '') ?? '';
    return { format: 'text' as const, text, expected: exp, ambiguous: first.startsWith('{') || first.startsWith('[') };
  });
