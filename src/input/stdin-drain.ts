// Standard input through a pipe (a shell's `|`). Node reads a pipe 64 KiB at a time on the thread that scans,
// and the writer waits on the full pipe while a piece is scanned, so moving the bytes and scanning them hardly
// overlapped (512 MiB of (b) piped from `cat`: 1.3–1.7 s, the file itself 0.87–0.90 s). The first MiBs are
// read on Node's thread pool, a read at a time as the scan asks (a small input starts no thread: one costs
// ~60 ms); past HANDOFF, on Linux, a thread of its own drains the rest a MiB at a time, a few MiB ahead of the
// scan (elsewhere the thread pool reads on). process.stdin is never built on that road (building it makes the pipe non-blocking); anything not read
// before the first byte, or a pipe found non-blocking, is read through it, as before.
import type { Worker } from 'node:worker_threads';

/** Bytes the thread reads before it hands them on (until they are full, the pipe ends or stays empty)… */
const PIECE = 1 << 20;
/** …and how many such pieces it may hold that the scan has not taken yet. */
const AHEAD = 4;

// The thread's code, nothing of mxscan's loaded. It reads a description of the pipe of its own, opened
// non-blocking (fd 0's stays blocking): a read never blocks the thread, which waits (Atomics, a timeout each
// time) when the pipe is empty or the scan is behind, so the process can always end (Node joins a worker's
// thread as it exits, and a thread blocked in a read of a stalled pipe would hold it). It reads into the
// slots of one shared ring, in turn, and hands on a slot's number. ctl[0] counts the slots handed on and not
// yet copied out (at most AHEAD, of AHEAD + 1: a slot is never read into while it is copied); ctl[1] is 1
// once the scan stops reading.
const DRAIN = `
const { parentPort, workerData } = require('node:worker_threads');
const { closeSync, constants, openSync, readSync } = require('node:fs');
const { ctl: c, ring: r, piece, ahead } = workerData;
const ctl = new Int32Array(c);
const ring = new Uint8Array(r);
const stopped = () => Atomics.load(ctl, 1) !== 0;
let fd;
try {
  fd = openSync('/proc/self/fd/0', constants.O_RDONLY | constants.O_NONBLOCK);
} catch (err) {
  parentPort.postMessage({ code: String(err.code ?? 'EIO'), message: String(err.message) });
}
if (fd !== undefined) {
  // How long to wait for an empty pipe (ms): short while bytes come fast, longer while it stays empty.
  let pause = 0.05;
  for (let seq = 0; !stopped(); seq++) {
    for (let k = Atomics.load(ctl, 0); k >= ahead && !stopped(); k = Atomics.load(ctl, 0)) Atomics.wait(ctl, 0, k, 50);
    const slot = seq % (ahead + 1);
    const buf = ring.subarray(slot * piece, (slot + 1) * piece);
    let n = 0;
    let end = false;
    let failure;
    while (n < piece && !stopped()) {
      let k;
      try {
        k = readSync(fd, buf, n, piece - n, null);
      } catch (err) {
        if (err.code === 'EAGAIN') {
          // Empty for now: a wait (the writer refills it in microseconds), but what was read goes on once
          // the pipe has stayed empty a millisecond or two.
          if (n > 0 && pause >= 1) break;
          Atomics.wait(ctl, 1, 0, pause);
          pause = Math.min(pause * 2, 5);
          continue;
        }
        failure = err;
        break;
      }
      if (k === 0) {
        end = true;
        break;
      }
      n += k;
      pause = 0.05;
    }
    if (n > 0) {
      Atomics.add(ctl, 0, 1);
      parentPort.postMessage({ slot, n });
    }
    if (failure !== undefined) {
      parentPort.postMessage({ code: String(failure.code ?? 'EIO'), message: String(failure.message) });
      break;
    }
    if (end) {
      parentPort.postMessage({ end: true });
      break;
    }
  }
  closeSync(fd);
}
`;

type Message = { slot: number; n: number } | { code: string; message: string } | { end: true };

/** Bytes read on the thread pool before a thread of its own drains the rest, a read of at most POOL_READ at a time. */
const HANDOFF = 4 << 20;
const POOL_READ = 1 << 16;

/**
 * The bytes of standard input, a pipe (see the top of this file); `fallback` (process.stdin's) for what
 * cannot be read so: all of it when nothing was read, the rest when the pipe turns out non-blocking.
 */
export async function* pipeChunks(fallback: () => AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  let rest = yield* poolChunks(0, HANDOFF);
  // A description of its own through /proc (see DRAIN) is Linux's: elsewhere the thread pool reads on.
  if (rest === 'more' && process.platform === 'linux') return yield* new Drain().chunks(fallback);
  if (rest === 'more') rest = yield* poolChunks(HANDOFF, Infinity);
  if (rest === 'fallback') yield* fallback();
}

/** What follows poolChunks' bytes: more to read, nothing (the end), or the rest through process.stdin. */
type Rest = 'more' | 'end' | 'fallback';

/**
 * Reads fd 0 on Node's thread pool, `taken` bytes having been read before, until `limit` in all, a read at
 * a time and only while the consumer waits for bytes (none is left pending when it stops asking). Returns
 * what follows: more, the end, or process.stdin's reading (nothing read yet, or a pipe found non-blocking).
 */
async function* poolChunks(taken: number, limit: number): AsyncGenerator<Buffer, Rest> {
  const { read } = process.getBuiltinModule('node:fs');
  while (taken < limit) {
    // A pipe gives at most what it holds, 64 KiB.
    const buf = Buffer.allocUnsafe(POOL_READ);
    let n: number;
    try {
      n = await new Promise<number>((resolve, reject) => read(0, buf, 0, POOL_READ, null, (err, k) => (err === null ? resolve(k) : reject(err))));
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      // Windows' pipe says EOF at its end where a POSIX one reads 0 bytes.
      if (code === 'EOF') n = 0;
      else if (taken === 0 || code === 'EAGAIN') return 'fallback';
      else throw err;
    }
    if (n === 0) return 'end';
    taken += n;
    yield buf.subarray(0, n);
  }
  return 'more';
}

/** Standard input drained by a worker thread (see the top of this file). */
class Drain {
  private readonly ctl = new Int32Array(new SharedArrayBuffer(8));
  private readonly ring = new Uint8Array(new SharedArrayBuffer((AHEAD + 1) * PIECE));
  private readonly worker: Worker;
  private readonly queue: Message[] = [];
  private wake: (() => void) | undefined;
  private failure: Error | undefined;
  private exited = false;

  constructor() {
    const { Worker } = process.getBuiltinModule('node:worker_threads');
    this.worker = new Worker(DRAIN, { eval: true, workerData: { ctl: this.ctl.buffer, ring: this.ring.buffer, piece: PIECE, ahead: AHEAD } });
    const poke = (): void => this.wake?.();
    this.worker.on('message', (m: Message) => {
      this.queue.push(m);
      poke();
    });
    this.worker.on('error', (err: Error) => {
      this.failure = err;
      poke();
    });
    this.worker.on('exit', () => {
      this.exited = true;
      poke();
    });
    // It keeps the process alive only while a scan waits for it.
    this.worker.unref();
  }

  /**
   * The bytes, a piece at a time; `fallback` (process.stdin's) for the rest when the thread failed before
   * its first byte (its own description of the pipe is non-blocking: an empty pipe is a wait, not an error).
   * Another error ends the bytes.
   */
  async *chunks(fallback: () => AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
    // Whether the thread handed on a byte: until it has, nothing is lost by reading the rest another way.
    let received = false;
    try {
      for (;;) {
        const m = await this.next();
        if ('n' in m) {
          received = true;
          // Copied out (a chunk may be held, as the head is while the format is told), and the slot freed.
          const piece = Buffer.allocUnsafe(m.n);
          piece.set(this.ring.subarray(m.slot * PIECE, m.slot * PIECE + m.n));
          Atomics.sub(this.ctl, 0, 1);
          Atomics.notify(this.ctl, 0);
          yield piece;
        } else if ('end' in m) return;
        else if (!received) {
          yield* fallback();
          return;
        } else throw Object.assign(new Error(m.message), { code: m.code });
      }
    } finally {
      this.close();
    }
  }

  /** Tells the thread the scan stops reading: it ends within a wait (no read of it blocks). */
  close(): void {
    Atomics.store(this.ctl, 1, 1);
    Atomics.notify(this.ctl, 1);
    Atomics.notify(this.ctl, 0);
    this.worker.unref();
  }

  private async next(): Promise<Message> {
    while (this.queue.length === 0) {
      if (this.failure !== undefined) return { code: 'EIO', message: this.failure.message };
      if (this.exited) return { code: 'EIO', message: 'the thread reading standard input ended' };
      this.worker.ref();
      await new Promise<void>((resolve) => (this.wake = resolve));
      this.wake = undefined;
      this.worker.unref();
    }
    return this.queue.shift()!;
  }
}
