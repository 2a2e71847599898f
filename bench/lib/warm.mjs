import fs from 'node:fs';
import path from 'node:path';

// The page cache does not stay warm across a round on every machine (a reclaimer such as DAMON pages out a
// file left untouched for a minute): reading the inputs again just before each timed run gives every
// command the same warm start, whichever runs first in its scenario.

const CHUNK = 1 << 20;

/** Reads every byte of the files (directories: every file under them), untimed. Unreadable ones are skipped. */
export function warmFiles(/** @type {readonly string[]} */ paths) {
  const buf = Buffer.allocUnsafe(CHUNK);
  const pending = [...paths];
  while (pending.length > 0) {
    const p = /** @type {string} */ (pending.pop());
    let st;
    try {
      st = fs.statSync(p);
    } catch {
      continue;
    }
    if (st.isDirectory()) {
      for (const name of fs.readdirSync(p)) pending.push(path.join(p, name));
    } else if (st.isFile()) {
      readAll(p, buf);
    }
  }
}

function readAll(/** @type {string} */ file, /** @type {Buffer} */ buf) {
  let fd;
  try {
    fd = fs.openSync(file, 'r');
    while (fs.readSync(fd, buf, 0, CHUNK, null) > 0);
  } catch {
    // The run itself reports a file it cannot read.
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}
