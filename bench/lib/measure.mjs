import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';

/**
 * One timed run of a command.
 * @typedef {{ wallS: number, rssKiB: number | null, exitCode: number | null, signal: string | null,
 *   stdout: string, stderr: string, spawnError?: string }} Run
 */

/** How peak memory is measured on this machine. */
export const RSS_SOURCES = {
  time: 'GNU time -v (Maximum resident set size)',
  poll: 'VmHWM of the process polled every 20 ms (a lower bound; not available for pipelines)',
};

/** `/usr/bin/time` when it runs and reports a maximum resident set size with -v; else null. */
export function findTimeBinary(/** @type {string} */ bin = '/usr/bin/time') {
  if (!fs.existsSync(bin)) return null;
  const r = spawnSync(bin, ['-v', 'true'], { encoding: 'utf8' });
  return r.status === 0 && /Maximum resident set size/.test(r.stderr) ? bin : null;
}

/**
 * Runs argv to completion and measures its wall time (hrtime around the spawn) and peak RSS: through
 * `time -v` when `timeBin` is given, else by polling /proc/PID/status (`pollRss`). Never rejects: a
 * command that cannot start comes back with `spawnError`.
 * @param {readonly string[]} argv
 * @param {{ timeBin: string | null, pollRss: boolean }} how
 * @returns {Promise<Run>}
 */
export function measure(argv, how) {
  const full = how.timeBin !== null ? [how.timeBin, '-v', ...argv] : [...argv];
  return new Promise((resolve) => {
    /** @type {Buffer[]} */ const out = [];
    /** @type {Buffer[]} */ const err = [];
    let polled = /** @type {number | null} */ (null);
    const started = process.hrtime.bigint();
    const child = spawn(/** @type {string} */ (full[0]), full.slice(1), { stdio: ['ignore', 'pipe', 'pipe'] });
    const timer = how.timeBin === null && how.pollRss ? setInterval(() => (polled = Math.max(polled ?? 0, vmHwm(child.pid) ?? 0)), 20) : undefined;
    child.stdout.on('data', (b) => out.push(b));
    child.stderr.on('data', (b) => err.push(b));
    child.once('error', (e) => {
      clearInterval(timer);
      resolve({ wallS: 0, rssKiB: null, exitCode: null, signal: null, stdout: '', stderr: '', spawnError: e.message });
    });
    child.once('close', (code, signal) => {
      const wallS = Number(process.hrtime.bigint() - started) / 1e9;
      clearInterval(timer);
      const stderr = Buffer.concat(err).toString('utf8');
      const timed = how.timeBin !== null ? splitTimeReport(stderr) : { own: stderr, rssKiB: polled };
      resolve({ wallS, rssKiB: timed.rssKiB, exitCode: code, signal, stdout: Buffer.concat(out).toString('utf8'), stderr: timed.own });
    });
  });
}

/** The command's own stderr, and the peak RSS from the report `time -v` appends to it. */
function splitTimeReport(/** @type {string} */ stderr) {
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
  // time -v adds "Command exited with non-zero status N" (or "terminated by signal") and then its report.
  const at = stderr.search(/^(?:Command exited with non-zero status|Command terminated by signal|\tCommand being timed:)/m);
  return { own: at === -1 ? stderr : stderr.slice(0, at), rssKiB: rss === null ? null : Number(rss[1]) };
}

/** The peak RSS (VmHWM, KiB) of a running process, or null. */
function vmHwm(/** @type {number | undefined} */ pid) {
  if (pid === undefined) return null;
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m === null ? null : Number(m[1]);
  } catch {
    return null;
  }
}

/** The first line `cmd --version` prints, or null when the command is not installed. */
export function toolVersion(/** @type {string} */ cmd) {
  const r = spawnSync(cmd, ['--version'], { encoding: 'utf8' });
  if (r.error !== undefined || r.status !== 0) return null;
  return r.stdout.split('\n')[0]?.trim() || null;
}

/** Median of a non-empty list. */
export function median(/** @type {readonly number[]} */ xs) {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? /** @type {number} */ (s[mid]) : (/** @type {number} */ (s[mid - 1]) + /** @type {number} */ (s[mid])) / 2;
}

/**
 * A note when NODE_EXTRA_CA_CERTS is set: Node 20 (with OpenSSL 3) parses that CA bundle and its own as it
 * starts, before any of mxscan's code runs (nodejs/node#40524), and every timed mxscan run includes it. The
 * note gives `node -e 0`'s median wall time with and without the variable (the runs keep it).
 */
export function caCertsNote(/** @type {string} */ node, /** @type {NodeJS.ProcessEnv} */ env = process.env) {
  const file = env['NODE_EXTRA_CA_CERTS'];
  if (file === undefined || file === '') return null;
  const without = { ...env };
  delete without['NODE_EXTRA_CA_CERTS'];
  const startMs = (/** @type {NodeJS.ProcessEnv} */ e) => {
    const walls = [];
    for (let i = 0; i < 7; i++) {
      const t = process.hrtime.bigint();
      spawnSync(node, ['-e', '0'], { env: e, stdio: 'ignore' });
      walls.push(Number(process.hrtime.bigint() - t) / 1e6);
    }
    return median(walls);
  };
  const withMs = startMs(env);
  const withoutMs = startMs(without);
  return `NODE_EXTRA_CA_CERTS is set (${file}): Node parses that CA bundle as it starts, before any mxscan code runs (nodejs/node#40524, Node 20 with OpenSSL 3); \`node -e 0\` takes ${withMs.toFixed(0)} ms with it and ${withoutMs.toFixed(0)} ms without. The mxscan runs above keep it.`;
}
