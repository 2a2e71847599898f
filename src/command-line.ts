import { likelyWorkers, Workers } from './parallel/warm.js';
import { fsReason, removePendingWrites } from './write.js';
import { eraseProgress } from './commands/progress.js';

// The worker threads run this bundle too (parallel/worker-thread.ts): one bundle to build and make caches of.
export { serveWorker } from './parallel/worker.js';

/**
 * The command line as the process runs it (the bin loads it, see bin.ts): signals and a closed pipe handled,
 * workers booted ahead, then main; the exit code is left in process.exitCode.
 */
export async function run(argv: readonly string[]): Promise<void> {
  // `mxscan … | head -1` closes the pipe early: that is not an error. Any other failure to write the report
  // (`> /dev/full`, a full disk) is one line and exit 2, as for a file -o cannot write, thrown by a write
  // to a file (synchronous) or told later by a pipe.
  const stdoutFailed = (err: NodeJS.ErrnoException): never => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    eraseProgress();
    removePendingWrites();
    process.stderr.write(`mxscan: cannot write to standard output: ${fsReason(err)}\n`);
    process.exit(2);
  };
  process.stdout.on('error', stdoutFailed);
  // Its stderr closed (`… 2>&1 >report.md | head -1`): the notes are lost, not the run, whose outputs are
  // still written and whose exit code is still the gate's.
  process.stderr.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE' && err.code !== 'ERR_STREAM_DESTROYED') throw err;
  });

  // Interrupted: reports already written stay whole (they are renamed into place); half-written temporary
  // files are removed. Then the signal is raised again, its handler gone: the process ends by it, as it
  // would have (a shell's 130 or 143). process.exit would wait for the thread pool, and a thread opening a
  // FIFO no one writes to never returns.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      eraseProgress();
      removePendingWrites();
      process.removeAllListeners(signal);
      process.kill(process.pid, signal);
    });
  }

  // A scan on several cores: its worker threads boot while the rest of mxscan loads.
  const workers = new Workers(likelyWorkers(argv));
  const { main } = await import('./cli.js');

  // No stdin: what reads `-` takes process.stdin, which Node builds on first use, not for every run.
  process.exitCode = await main(argv, {
    stdout: (s) => {
      try {
        process.stdout.write(s);
      } catch (err) {
        stdoutFailed(err as NodeJS.ErrnoException);
      }
    },
    stderr: (s) => void process.stderr.write(s),
    env: process.env,
    cwd: process.cwd(),
    stdoutIsTTY: process.stdout.isTTY === true,
    stderrIsTTY: process.stderr.isTTY === true,
    ...(process.stdout.columns > 0 ? { columns: process.stdout.columns } : {}),
    workers,
    ...stdoutFile(),
  });
  workers.close();
}

/**
 * The file standard output is redirected to (`mxscan scan . > report.md`, a shard's `> part-1.json`), as
 * ripgrep finds it: the shell made it, empty, before mxscan started, and a walk would read it.
 */
function stdoutFile(): { stdoutFile?: string } {
  if (process.stdout.isTTY === true || process.platform !== 'linux') return {};
  try {
    const fs = process.getBuiltinModule('node:fs');
    if (!fs.fstatSync(1).isFile()) return {};
    const target = fs.readlinkSync('/proc/self/fd/1');
    return target.startsWith('/') ? { stdoutFile: target } : {};
  } catch {
    return {};
  }
}
