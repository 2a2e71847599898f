import { nearestCodes, type Catalog } from '../catalog/catalog.js';
import { LEVELS } from '../catalog/types.js';
import { compare, type Baseline } from './baseline.js';
import { redactPath, redactText } from '../extract/redact.js';
import { firstErrorOf, grownCodes, keyEvents, onset, onsetCandidates, verdictLine } from './story.js';
import type { Provenance, Report, SuppressedRow } from './report-shape.js';
import { isExpired, type Suppression } from './suppress.js';
import { withTimes } from './untimed.js';
import { incompleteReasons } from './completeness.js';

export interface FinalizeOptions {
  readonly catalog: Catalog;
  /** Options applied, for the provenance header (fixed key order, no paths of outputs). */
  readonly options: Record<string, unknown>;
  readonly baseline?: { readonly baseline: Baseline; readonly tolerance: number } | undefined;
  readonly suppressions?: readonly Suppression[] | undefined;
  /** Epoch ms that suppression expiry is judged against (the edge passes the clock in). */
  readonly now: number;
  readonly redact: boolean;
  /** The samples were cut to their window before they were redacted (partials scanned without --redact, merged with it). */
  readonly redactCut?: boolean;
}

export type { SuppressedRow };

/**
 * The report as it is delivered: baseline comparison, suppressions, provenance, and (when asked)
 * redaction of every piece of log text. Pure: the same report and options give the same result.
 */
export function finalizeReport(r: Report, o: FinalizeOptions): Report {
  const comparison = o.baseline === undefined ? undefined : compare(r, o.baseline.baseline, o.baseline.tolerance);
  const suppressed: SuppressedRow[] = (o.suppressions ?? []).map((s) => {
    const row = r.codes.find((c) => c.code.toLowerCase() === s.code.toLowerCase());
    const inCatalog = o.catalog.byKey.has(s.code.toLowerCase());
    const near = inCatalog ? undefined : nearestCodes(o.catalog, s.code, 1)[0];
    return { code: row?.code ?? s.code, reason: s.reason, expires: s.expires, expired: isExpired(s, o.now), count: row?.count ?? 0, inCatalog, ...(near !== undefined ? { didYouMean: near } : {}) };
  });
  const active = new Set(suppressed.filter((s) => !s.expired).map((s) => s.code.toLowerCase()));
  const provenance: Provenance = {
    toolVersion: r.tool.version,
    catalog: { entries: o.catalog.entries.length, sha256: o.catalog.sha256 },
    // A CSV file's delimiter is part of how it was read, when it is not `,`.
    inputs: r.files.map((f) => ({ path: f.path, bytes: f.bytes, ...(f.delimiter !== undefined ? { delimiter: f.delimiter } : {}) })),
    window: r.window,
    options: o.options,
    complete: incompleteReasons(r).length === 0,
    redacted: o.redact,
  };
  const out: Report = {
    schemaVersion: r.schemaVersion,
    tool: r.tool,
    verdict: verdict(r, active, comparison),
    provenance,
    totals: r.totals,
    impact: r.impact,
    timeRange: r.timeRange,
    window: r.window,
    ...(comparison !== undefined ? { comparison } : {}),
    codes: r.codes,
    unknownCodes: r.unknownCodes,
    timeline: r.timeline,
    // A code under an active suppression is known: neither the earliest ERROR seen nor the last one.
    firstError: active.size === 0 ? r.firstError : firstErrorOf(r.codes.filter((c) => !active.has(c.code.toLowerCase()))),
    startHere: onset(onsetCandidates(r.codes.filter((c) => !active.has(c.code.toLowerCase())), comparison), r.timeline),
    keyEvents: active.size === 0 ? r.keyEvents : keyEvents(r.codes, r.timeline, (c) => !active.has(c.code.toLowerCase())),
    actions: suppressedLast(changedFirst(r.actions, comparison), active),
    suppressed,
    files: r.files,
    ...(r.inputNotes !== undefined ? { inputNotes: r.inputNotes } : {}),
  };
  return o.redact ? redactReport(out, o.redactCut === true) : out;
}

/**
 * With a baseline, the actions for a code new or increased since it first within their level (in their order
 * otherwise): what changed is what the incident is, not a code at its usual rate seen more.
 */
function changedFirst(actions: Report['actions'], comparison: Report['comparison']): Report['actions'] {
  if (comparison === undefined) return actions;
  const changed = grownCodes(comparison)!;
  const rank = (a: Report['actions'][number]): number => LEVELS.indexOf(a.level) * 2 + (a.codes.some((c) => changed.has(c.toLowerCase())) ? 0 : 1);
  return actions.map((a, i) => ({ a, i })).sort((x, y) => rank(x.a) - rank(y.a) || x.i - y.i).map((x) => x.a);
}

/**
 * The action plan with the actions all of whose codes are under an active suppression last, marked: a
 * known issue kept out of the verdict does not lead the to-do list either.
 */
function suppressedLast(actions: Report['actions'], active: ReadonlySet<string>): Report['actions'] {
  if (active.size === 0) return actions;
  const held = (a: Report['actions'][number]): boolean => a.codes.every((c) => active.has(c.toLowerCase()));
  return [...actions.filter((a) => !held(a)), ...actions.filter(held).map((a) => ({ ...a, suppressed: true as const }))];
}

/** The codes that count toward --fail-on: all but those under an active suppression. */
export function activeCodes(r: Report): Report['codes'] {
  const suppressed = r.suppressed ?? [];
  const active = new Set(suppressed.filter((s) => !s.expired).map((s) => s.code.toLowerCase()));
  return r.codes.filter((c) => !active.has(c.code.toLowerCase()));
}

function verdict(r: Report, suppressed: ReadonlySet<string>, comparison: Report['comparison']): string {
  const codes = r.codes.filter((c) => !suppressed.has(c.code.toLowerCase()));
  // Only codes that were seen and kept out: an active suppression of a code never seen kept nothing out.
  return withTimes(verdictLine(codes, r.totals, r.codes.length - codes.length, comparison, r.timeline), r);
}

/** A file's row (or its stat) as --redact shows it: its path masked as a path is, its message as text. */
export const maskedFile = <T extends { readonly path: string; readonly message?: string }>(f: T): T => ({
  ...f,
  path: redactPath(f.path),
  ...(f.message !== undefined ? { message: redactText(f.message) } : {}),
});

/** Every piece of text that came from a log or a file name, redacted. */
function redactReport(r: Report, cut: boolean): Report {
  const sample =
    (code: string) =>
    <T extends { file: string; text: string }>(s: T): T => ({ ...s, file: redactPath(s.file), text: redactText(cut ? maskCutStart(s.text, code) : s.text) });
  return {
    ...r,
    codes: r.codes.map((c) => ({
      ...c,
      first: { ...c.first, file: redactPath(c.first.file) },
      samples: c.samples.map(sample(c.code)),
      accounts: { ...c.accounts, top: c.accounts.top.map((a) => ({ ...a, account: redactText(a.account) })) },
    })),
    unknownCodes: r.unknownCodes.map((u) => ({ ...u, code: redactText(u.code), samples: u.samples.map(sample(u.code)) })),
    firstError: r.firstError === null ? null : { ...r.firstError, file: redactPath(r.firstError.file) },
    startHere: r.startHere === null ? null : { ...r.startHere, file: redactPath(r.startHere.file) },
    files: r.files.map(maskedFile),
    ...(r.inputNotes !== undefined ? { inputNotes: r.inputNotes.map((n) => ({ ...n, file: redactPath(n.file), ...(n.example !== undefined ? { example: redactText(n.example) } : {}) })) } : {}),
    ...(r.suppressed !== undefined ? { suppressed: r.suppressed.map((x) => ({ ...x, reason: redactText(x.reason) })) } : {}),
    ...(r.provenance !== undefined
      ? { provenance: { ...r.provenance, inputs: r.provenance.inputs.map((i) => ({ ...i, path: redactPath(i.path) })) } }
      : {}),
  };
}

/**
 * A sample cut at its start before it was redacted may start inside a secret whose key the cut took
 * (`…p3rS3cret xx storage_error` of `db_password=Sup3rS3cret`): its first value-like run is masked, up to the
 * code it is a sample of.
 */
function maskCutStart(text: string, code: string): string {
  const m = /^…[^\s"'&,;)}\]]+/.exec(text);
  if (m === null) return text;
  const at = text.toLowerCase().indexOf(code.toLowerCase());
  const end = at !== -1 && at < m[0].length ? at : m[0].length;
  return end <= 1 ? text : `…[redacted]${text.slice(end)}`;
}
