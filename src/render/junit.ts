import type { Catalog } from '../catalog/catalog.js';
import { isFailing, type Gate } from '../summary/gate.js';
import type { Report } from '../summary/report.js';
import { cleanLines } from './escape.js';
import { incompleteReasons } from '../summary/completeness.js';

// Characters XML 1.0 does not allow at all: most controls, lone surrogates, U+FFFE and U+FFFF.
const ILLEGAL = /[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * Text for XML content or attributes: escape sequences and the characters that hide or reorder text gone
 * (render/escape.ts cleanLines; line breaks kept), illegal characters stripped, markup escaped.
 */
export function xml(s: string): string {
  return cleanLines(s)
    .replace(ILLEGAL, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/**
 * A JUnit XML report: one test case per catalog code, failing exactly when the gate fails the code, with its
 * count, suggested action and evidence; a code seen but not failing passes with its count; a suppressed code
 * is skipped, with the reason; and, when the scan did not read all it was given, one case in error saying why.
 */
export function renderJunit(r: Report, catalog: Catalog, gate: Gate): string {
  const rows = new Map(r.codes.map((c) => [c.code.toLowerCase(), c]));
  const suppressed = new Map((r.suppressed ?? []).filter((s) => !s.expired).map((s) => [s.code.toLowerCase(), s]));
  let failures = 0;
  let skipped = 0;
  const cases = catalog.entries.map((e) => {
    const row = rows.get(e.code.toLowerCase());
    const open = `    <testcase classname="mxscan.${xml(e.module)}" name="${xml(e.code)}" time="0"`;
    const s = suppressed.get(e.code.toLowerCase());
    if (row !== undefined && s !== undefined) {
      skipped++;
      return `${open}>\n      <skipped message="${xml(`suppressed: ${s.reason}`)}"/>\n    </testcase>`;
    }
    if (row === undefined) return `${open}/>`;
    const change = gate.changes?.get(row.code.toLowerCase());
    if (!isFailing(gate, row.code)) {
      const against = change === undefined ? '' : `, ${change} against the baseline`;
      return `${open}>\n      <system-out>${xml(`${row.count} occurrence(s) at level ${row.level}${against}; not failing the run.`)}</system-out>\n    </testcase>`;
    }
    failures++;
    const body = [
      `${row.count} occurrence(s) of ${row.code} (${row.level}) in ${row.files} file(s), first ${row.firstSeen ?? 'without a time'}, last ${row.lastSeen ?? 'without a time'}.`,
      `What it means: ${row.description}`,
      `Suggested action: ${row.action}`,
      ...row.samples.map((x) => `${x.file}:${x.line}: ${x.text}`),
    ].join('\n');
    const message = `${row.code}: ${row.count} occurrence(s) at level ${row.level}${change === undefined ? '' : ` (${change})`}`;
    return `${open}>\n      <failure message="${xml(message)}" type="${row.level}">${xml(body)}</failure>\n    </testcase>`;
  });
  // A scan that did not read all it was given is an error of its own: a test tab never shows it as all passed.
  const incomplete = incompleteReasons(r);
  const errors = incomplete.length > 0 ? 1 : 0;
  if (errors > 0) cases.push(unreadCase(`the scan is incomplete: ${incomplete.length} problem${incomplete.length === 1 ? '' : 's'} with its inputs`, incomplete));
  return suites(cases, failures, errors, skipped);
}

/** The JUnit report of a run that read nothing at all (every input missing, unreadable or binary): its one case in error, saying why. */
export function renderJunitUnread(lines: readonly string[]): string {
  return suites([unreadCase('nothing was scanned: no input could be read', lines)], 0, 1, 0);
}

function unreadCase(message: string, lines: readonly string[]): string {
  return `    <testcase classname="mxscan.scan" name="every input read" time="0">\n      <error message="${xml(message)}" type="incomplete">${xml(lines.join('\n'))}</error>\n    </testcase>`;
}

function suites(cases: readonly string[], failures: number, errors: number, skipped: number): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="mxscan" tests="${cases.length}" failures="${failures}" errors="${errors}" skipped="${skipped}">`,
    `  <testsuite name="mxscan catalog codes" tests="${cases.length}" failures="${failures}" errors="${errors}" skipped="${skipped}" time="0">`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
