import type { Report } from './report-shape.js';

/**
 * Why a scan did not read all it was given, one line each (none: it did; `provenance.complete`): an input
 * that could not be read or was skipped as binary, over-long lines skipped, and, under a window, an input
 * with no readable time. JUnit XML makes them an error, so a test tab never shows such a run as all passed.
 */
export function incompleteReasons(r: Pick<Report, 'files' | 'inputNotes'>): string[] {
  const out: string[] = [];
  for (const f of r.files) {
    if (f.status === 'error') out.push(`cannot read ${f.path}: ${f.message ?? 'unknown error'}`);
    else if (f.status === 'binary') out.push(`skipped ${f.path}: ${f.message ?? 'binary content'}`);
    if (f.skippedLines > 0) out.push(`${f.path}: ${f.skippedLines} over-long line${f.skippedLines === 1 ? '' : 's'} skipped (see --max-line-length)`);
  }
  for (const n of r.inputNotes ?? []) if (n.kind === 'no-time') out.push(`${n.file}: no readable time, so the window could not be applied to it`);
  return out;
}
