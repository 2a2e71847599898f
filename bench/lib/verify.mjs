import { BY_KEY, CODES } from './catalog.mjs';

/** @typedef {import('../generate.mjs').Counts} Counts */

/**
 * The expected counts of several files scanned together: per code, records, malformed records and levels
 * add up; no record is outside a window. `linesMentioningCode` is null when some file has no line figure.
 * @param {readonly Counts[]} list
 * @returns {{ codes: Record<string, number>, byLevel: Record<string, number>, records: number, malformedRecords: number, outsideWindow: number, linesMentioningCode: number | null }}
 */
export function sumCounts(list) {
  /** @type {Record<string, number>} */ const codes = {};
  /** @type {Record<string, number>} */ const byLevel = {};
  let records = 0;
  let malformedRecords = 0;
  /** @type {number | null} */
  let linesMentioningCode = 0;
  for (const c of list) {
    for (const [k, n] of Object.entries(c.codes)) codes[k] = (codes[k] ?? 0) + n;
    for (const [k, n] of Object.entries(c.byLevel)) byLevel[k] = (byLevel[k] ?? 0) + n;
    records += c.records;
    malformedRecords += c.malformedRecords ?? 0;
    linesMentioningCode = linesMentioningCode === null || c.linesMentioningCode === null ? null : linesMentioningCode + c.linesMentioningCode;
  }
  return { codes, byLevel, records, malformedRecords, outsideWindow: 0, linesMentioningCode };
}

/**
 * The expected counts of the same files scanned with one of the bench windows: the codes inside it, all
 * records, and the records outside it. Throws when a file has no counts for that window.
 * @param {readonly Counts[]} list
 * @param {import('./expect.mjs').WindowId} id
 */
export function windowWant(list, id) {
  const all = sumCounts(list);
  /** @type {Record<string, number>} */ const codes = {};
  /** @type {Record<string, number>} */ const byLevel = {};
  let outsideWindow = 0;
  for (const c of list) {
    const w = c.windows?.[id];
    if (w === undefined) throw new Error(`${c.file} has no expected counts for the ${id} window`);
    for (const [k, n] of Object.entries(w.codes)) codes[k] = (codes[k] ?? 0) + n;
    for (const [k, n] of Object.entries(w.byLevel)) byLevel[k] = (byLevel[k] ?? 0) + n;
    outsideWindow += w.outside;
  }
  return { ...all, codes, byLevel, outsideWindow };
}

/**
 * Differences between mxscan's JSON report and the expected counts, one line each; empty when they
 * agree. Codes are compared case-insensitively (the report uses the catalog's spelling); a code missing
 * from the report counts as 0.
 * @param {string} stdout mxscan's JSON report
 * @param {ReturnType<typeof sumCounts>} want
 * @returns {string[]}
 */
export function compareReport(stdout, want) {
  /** @type {any} */
  let report;
  try {
    report = JSON.parse(stdout);
  } catch {
    return [`mxscan's stdout is not a JSON report (${stdout.length} bytes: ${JSON.stringify(stdout.slice(0, 80))})`];
  }
  const problems = [];
  /** @type {Map<string, number>} */
  const got = new Map();
  for (const row of Array.isArray(report?.codes) ? report.codes : []) {
    const key = String(row.code).toLowerCase();
    if (!BY_KEY.has(key)) problems.push(`unexpected code ${row.code}: count ${row.count}`);
    got.set(key, (got.get(key) ?? 0) + Number(row.count));
  }
  for (const { code } of CODES) {
    const expected = want.codes[code] ?? 0;
    const actual = got.get(code.toLowerCase()) ?? 0;
    if (actual !== expected) problems.push(`${code}: expected ${expected}, mxscan ${actual} (${signed(actual - expected)})`);
  }
  const totals = report?.totals ?? {};
  if (totals.records !== want.records) problems.push(`totals.records: expected ${want.records}, mxscan ${totals.records}`);
  if ((totals.outsideWindow ?? 0) !== want.outsideWindow) problems.push(`totals.outsideWindow: expected ${want.outsideWindow}, mxscan ${totals.outsideWindow}`);
  for (const [level, n] of Object.entries(want.byLevel)) {
    const actual = totals.byLevel?.[level];
    if (actual !== n) problems.push(`totals.byLevel.${level}: expected ${n}, mxscan ${actual}`);
  }
  // Malformed records (a line of text among JSON lines: d″) are counted wherever they are, window or not.
  if ((totals.malformedRecords ?? 0) !== want.malformedRecords) problems.push(`totals.malformedRecords: expected ${want.malformedRecords}, mxscan ${totals.malformedRecords}`);
  for (const key of ['skippedLines', 'unreadableFiles', 'binaryFiles']) {
    if (typeof totals[key] === 'number' && totals[key] > 0) problems.push(`totals.${key} is ${totals[key]}`);
  }
  for (const f of Array.isArray(report?.files) ? report.files : []) {
    if (f.status !== 'ok' && f.status !== undefined) problems.push(`${f.path}: ${f.status}${f.message ? ` (${f.message})` : ''}`);
  }
  return problems;
}

function signed(/** @type {number} */ n) {
  return n > 0 ? `+${n}` : String(n);
}
