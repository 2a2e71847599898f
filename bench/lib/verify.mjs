import { BY_KEY, CODES } from './catalog.mjs';

/** @typedef {import('../generate.mjs').Counts} Counts */

/** The expected counts of several files scanned together: per code, records and levels add up. */
export function sumCounts(/** @type {readonly Counts[]} */ list) {
  /** @type {Record<string, number>} */ const codes = {};
  /** @type {Record<string, number>} */ const byLevel = {};
  let records = 0;
  let linesMentioningCode = 0;
  for (const c of list) {
    for (const [k, n] of Object.entries(c.codes)) codes[k] = (codes[k] ?? 0) + n;
    for (const [k, n] of Object.entries(c.byLevel)) byLevel[k] = (byLevel[k] ?? 0) + n;
    records += c.records;
    linesMentioningCode += c.linesMentioningCode;
  }
  return { codes, byLevel, records, linesMentioningCode };
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
  for (const [level, n] of Object.entries(want.byLevel)) {
    const actual = totals.byLevel?.[level];
    if (actual !== n) problems.push(`totals.byLevel.${level}: expected ${n}, mxscan ${actual}`);
  }
  for (const key of ['skippedLines', 'unreadableFiles', 'binaryFiles', 'malformedRecords']) {
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
