import { inCi, type Io } from '../io.js';

/** A progress bar on stderr: bytes done of the total, rate and time left. */
export interface Progress {
  readonly start: (total: number) => void;
  readonly advance: (bytes: number) => void;
  readonly done: () => void;
}

const MB = 1e6;

/** The bar on screen now, if any: erased when the run is interrupted (Ctrl-C), so the prompt starts clean. */
let onScreen: (() => void) | undefined;

/** Erases the progress bar if one is drawn (the bin calls it on SIGINT and SIGTERM). */
export function eraseProgress(): void {
  onScreen?.();
  onScreen = undefined;
}
const fmt = (bytes: number): string => (bytes >= 1e9 ? `${(bytes / 1e9).toFixed(2)} GB` : `${(bytes / MB).toFixed(1)} MB`);

/**
 * A progress bar for long scans, drawn only when stderr is a terminal and not in CI (and not asked away),
 * and only once a scan has run for a second; it is erased when the scan ends.
 */
export function progressBar(io: Io, wanted: boolean, clock: () => number = Date.now): Progress | undefined {
  if (!wanted || io.stderrIsTTY !== true || inCi(io.env ?? {})) return undefined;
  let total = 0;
  let done = 0;
  let began = 0;
  let started = false;
  let drawn = 0;
  let shown = false;
  const draw = (): void => {
    const now = clock();
    if (now - began < 1000 || now - drawn < 100) return;
    drawn = now;
    shown = true;
    onScreen = erase;
    const rate = done / Math.max(0.001, (now - began) / 1000);
    // Standard input (or a growing file) has no size: what was read and how fast, no share or time left.
    if (total <= 0 || done > total) {
      io.stderr(`\r${fmt(done)} read, ${fmt(rate)}/s \x1b[K`);
      return;
    }
    const share = Math.min(1, done / total);
    const eta = rate > 0 && total > done ? Math.ceil((total - done) / rate) : 0;
    const width = 24;
    const bar = '█'.repeat(Math.round(share * width)).padEnd(width, '░');
    io.stderr(`\r${bar} ${(share * 100).toFixed(0).padStart(3)}% ${fmt(done)} / ${fmt(total)} ${fmt(rate)}/s ETA ${eta}s \x1b[K`);
  };
  const erase = (): void => {
    if (shown) io.stderr('\r\x1b[K');
    shown = false;
  };
  return {
    // Again with a larger total when some input is read again (a shared file read whole): the rate goes on.
    start: (bytes) => {
      if (!started) began = clock();
      started = true;
      total = bytes;
    },
    advance: (bytes) => {
      done += bytes;
      draw();
    },
    done: () => {
      erase();
      if (onScreen === erase) onScreen = undefined;
    },
  };
}
