import { spawnSync } from 'node:child_process';
import { CODES } from './catalog.mjs';

/**
 * Whether mxscan accepts some options: it scans a one-line file with them. Null when it does, else why
 * not (its exit status and first stderr lines, e.g. "exit 2: mxscan: Unknown argument: jobs").
 * @param {string} bin mxscan's entry point
 * @param {string} probe a small file to scan
 * @param {readonly string[]} extra the options to try
 * @returns {string | null}
 */
export function tryOptions(bin, probe, extra) {
  const r = spawnSync(process.execPath, [bin, 'scan', probe, '--format', 'json', '--quiet', ...extra], { encoding: 'utf8' });
  if (r.error !== undefined) return r.error.message;
  return r.status === 0 ? null : `exit ${r.status}: ${firstLines(r.stderr) || '(no stderr)'}`;
}

/** A warning when mxscan's built-in catalog is not the list the generator plants; else nothing. */
export function catalogDrift(/** @type {string} */ bin) {
  const r = spawnSync(process.execPath, [bin, 'catalog', '--format', 'json'], { encoding: 'utf8' });
  try {
    /** @type {{ code: string, level: string }[]} */
    const entries = JSON.parse(r.stdout);
    const theirs = entries.map((e) => `${e.code}:${e.level}`).sort().join(' ');
    const ours = CODES.map((c) => `${c.code}:${c.level}`).sort().join(' ');
    return theirs === ours ? [] : [`WARNING: mxscan's catalog differs from bench/lib/catalog.mjs (${theirs} vs ${ours}); counts will differ.`];
  } catch {
    return [`WARNING: could not read mxscan's catalog (catalog --format json): ${firstLines(r.stderr) || 'no JSON'}`];
  }
}

/** The first two lines of a command's output, on one line, for a message. */
export function firstLines(/** @type {string} */ text) {
  return text.trim().split('\n').slice(0, 2).join(' / ').slice(0, 300);
}
