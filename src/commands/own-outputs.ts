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
    let fd: number | undefined;
    try {
      // Only a regular file: a FIFO or a device (-o /dev/stdout) is never opened to be read.
      if (statSync(abs, { throwIfNoEntry: false })?.isFile() !== true) continue;
      fd = openSync(abs, 'r');
      const n = readSync(fd, head, 0, HEAD, 0);
      const text = head.toString('utf8', 0, n);
      if (OWN.some((re) => re.test(text))) own.add(abs);
    } catch {
      // Not there yet, or not readable: nothing to leave out.
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
  }
  return own;
}
