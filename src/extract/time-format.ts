// --time-format: an strftime pattern (the syntax of date(1), Python's strptime, Fluent Bit's Time_Format
// and Vector's parse_timestamp) compiled into the steps src/wasm/time-format.ts reads.

/** The steps (one byte each; F_LITERAL is followed by the byte it wants). */
export const FORMAT_OPS = {
  LITERAL: 1, SPACES: 2, YEAR: 3, YEAR2: 4, MONTH: 5, DAY: 6, DAY_SPACE: 7, HOUR: 8, HOUR12: 9, MINUTE: 10, SECOND: 11,
  FRACTION: 12, DOT_FRACTION: 13, AMPM: 14, MONTH_NAME: 15, WEEKDAY: 16, ZONE: 17, EPOCH: 18,
} as const;

/** Longest compiled pattern the kernel holds. */
export const FORMAT_MAX = 256;

const O = FORMAT_OPS;
/** Directive letter → steps (composites spelled out). */
const DIRECTIVES: Readonly<Record<string, readonly (number | string)[]>> = {
  Y: [O.YEAR], y: [O.YEAR2], m: [O.MONTH], d: [O.DAY], e: [O.DAY_SPACE], H: [O.HOUR], I: [O.HOUR12], M: [O.MINUTE], S: [O.SECOND],
  f: [O.FRACTION], L: [O.FRACTION], p: [O.AMPM], P: [O.AMPM], b: [O.MONTH_NAME], h: [O.MONTH_NAME], B: [O.MONTH_NAME],
  a: [O.WEEKDAY], A: [O.WEEKDAY], z: [O.ZONE], Z: [O.ZONE], s: [O.EPOCH],
  T: [O.HOUR, ':', O.MINUTE, ':', O.SECOND], R: [O.HOUR, ':', O.MINUTE], F: [O.YEAR, '-', O.MONTH, '-', O.DAY], D: [O.MONTH, '/', O.DAY, '/', O.YEAR2],
};

/** The directives --time-format takes, for the usage text and error messages. */
export const FORMAT_DIRECTIVES = '%Y %y %m %d %e %H %I %M %S %f %L %.f %p %b %B %a %z %Z %s %T %R %F %D %%';

/** A compiled pattern, or why it cannot be one. */
export type CompiledFormat = { readonly ok: true; readonly steps: Uint8Array } | { readonly ok: false; readonly error: string };

/**
 * Compiles an strftime pattern: `%d/%m/%Y %H:%M:%S`. A blank matches one or more blanks; `%.f` is an
 * optional fraction (`.` or `,` and digits), as Vector writes it. A time needs a day and month (or `%s`)
 * and an hour; without `%Y` or `%y`, the year is the file's (as syslog's).
 */
export function compileTimeFormat(pattern: string): CompiledFormat {
  const steps: number[] = [];
  const seen = new Set<number>();
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === ' ' || c === '\t') {
      while (pattern[i + 1] === ' ' || pattern[i + 1] === '\t') i++;
      steps.push(O.SPACES);
      continue;
    }
    if (c !== '%') {
      const code = c.charCodeAt(0);
      if (code > 0x7e) return { ok: false, error: `--time-format: only ASCII characters can be matched (${JSON.stringify(c)})` };
      steps.push(O.LITERAL, code);
      continue;
    }
    let d = pattern[++i];
    if (d === '%') {
      steps.push(O.LITERAL, 0x25);
      continue;
    }
    if (d === '.' && pattern[i + 1] === 'f') {
      i++;
      steps.push(O.DOT_FRACTION);
      continue;
    }
    // Padding flags of GNU strftime (%-d, %_H, %0m) change nothing when reading: numbers take 1 or 2 digits.
    if (d === '-' || d === '_' || d === '0') d = pattern[++i];
    const ops = d === undefined ? undefined : DIRECTIVES[d];
    if (ops === undefined) return { ok: false, error: `--time-format: unknown directive %${d ?? ''} in ${JSON.stringify(pattern)} (known: ${FORMAT_DIRECTIVES})` };
    for (const op of ops) {
      if (typeof op === 'string') steps.push(O.LITERAL, op.charCodeAt(0));
      else {
        steps.push(op);
        seen.add(op);
      }
    }
  }
  const has = (...ops: number[]): boolean => ops.some((o) => seen.has(o));
  if (!has(O.EPOCH) && !(has(O.DAY, O.DAY_SPACE) && has(O.MONTH, O.MONTH_NAME) && has(O.HOUR, O.HOUR12))) {
    return { ok: false, error: `--time-format: ${JSON.stringify(pattern)} needs a day (%d), a month (%m or %b) and an hour (%H), or %s` };
  }
  if (has(O.HOUR12) !== has(O.AMPM)) return { ok: false, error: `--time-format: %I (12-hour clock) goes with %p (AM/PM) in ${JSON.stringify(pattern)}` };
  if (steps.length > FORMAT_MAX) return { ok: false, error: `--time-format: the pattern is too long (${pattern.length} characters)` };
  return { ok: true, steps: Uint8Array.from(steps) };
}
