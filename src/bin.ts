#!/usr/bin/env node
import { likelyWorkers, Workers } from './parallel/warm.js';
import { removePendingWrites } from './write.js';
import { eraseProgress } from './commands/progress.js';
import { setFlagsFromString } from 'node:v8';

// A scan makes short-lived garbage that outlives the young generation; with V8's default growth the heap
// grows well past what is live (20,000 small files: ~140 MiB; one 2 GiB log with two threads: 175 MiB).
// Sized for memory it stays near the live size, for some CPU time (README "Speed", Memory). Set before
// the workers start: the flag is process-wide.
setFlagsFromString('--optimize-for-size');

// `mxscan … | head -1` closes the pipe early: that is not an error.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});

// Interrupted: reports already written stay whole (they are renamed into place); half-written temporary
// files are removed. Exit as the signal would have.
for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
  process.on(signal, () => {
    eraseProgress();
    removePendingWrites();
    process.exit(code);
  });
}

const argv = process.argv.slice(2);
// A scan on several cores: its worker threads boot while the rest of mxscan loads.
const workers = new Workers(likelyWorkers(argv));
const { main } = await import('./cli.js');

// No `stdin`: process.stdin is made (a stream, its modules loaded) only by a scan or merge that reads `-`.
process.exitCode = await main(argv, {
  stdout: (s) => void process.stdout.write(s),
  stderr: (s) => void process.stderr.write(s),
  env: process.env,
  cwd: process.cwd(),
  stdoutIsTTY: process.stdout.isTTY === true,
  stderrIsTTY: process.stderr.isTTY === true,
  ...(process.stdout.columns > 0 ? { columns: process.stdout.columns } : {}),
  workers,
});
workers.close();
