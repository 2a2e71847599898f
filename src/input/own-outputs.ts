import { closeSync, openSync, readSync, statSync } from 'node:fs';
import path from 'node:path';

// What mxscan's own outputs start with: a report, a partial, JUnit XML, the accounts file. A re-run of
// `mxscan scan . --out reports` must not count the codes its last report names.
const OWN = [
  /^# mxscan incident report\n/,
  /^\{\n {2}"schemaVersion": \d+,\n {2}"tool": \{\n {4}"name": "mxscan"/,
  /^\{"kind":"mxscan-partial"/,
  /^<!DOCTYPE html>[^]{0,400}<title>mxscan: /,
  /^<\?xml [^>]*\?>\n<testsuites name="mxscan"/,
  /^(?:# sample: [^\n]*\r\n)?code,account,occurrences,first_seen,last_seen\r\n/,
];

/** Bytes read of a file to tell whether it is one. */
const HEAD = 512;

/** Names an output of mxscan's may have (`.md`, `.json`, `.html`, `.xml`, `.csv`): only such a file found by a walk or a glob is looked into. */
export const OUTPUT_NAME = /\.(?:md|markdown|json|html?|xml|csv)$/i;

/** Does the regular file at `abs` hold one of mxscan's outputs now (its first bytes are one's)? False when it cannot be read. */
export function isOwnOutput(abs: string, head: Buffer = Buffer.alloc(HEAD)): boolean {
  let fd: number | undefined;
  try {
    // Only a regular file: a FIFO or a device (-o /dev/stdout) is never opened to be read.
    if (statSync(abs, { throwIfNoEntry: false })?.isFile() !== true) return false;
    fd = openSync(abs, 'r');
    const n = readSync(fd, head, 0, HEAD, 0);
    const text = head.toString('utf8', 0, n);
    return OWN.some((re) => re.test(text));
  } catch {
    // Not there yet, or not readable: nothing to leave out.
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * The files among this run's outputs (paths as given, against `cwd`) that hold one of mxscan's outputs now
 * (a report of an earlier run): left out of the inputs a directory walk or a glob finds (see discover), so
 * that a re-run into the same place does not count them. Absolute paths.
 */
export function ownOutputs(files: readonly string[], cwd: string): Set<string> {
  const own = new Set<string>();
  const head = Buffer.alloc(HEAD);
  for (const f of files) {
    const abs = path.resolve(cwd, f);
    if (isOwnOutput(abs, head)) own.add(abs);
  }
  return own;
}
