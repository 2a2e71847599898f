import { countsByLevel, zeroCounts } from './catalog.mjs';

/**
 * The windows the bench scans (b)–(e) with: one hour inside the corpora's day (they all start at
 * 2026-03-18T00:00Z and span about a day, whatever their size), and one over everything.
 */
export const WINDOWS = Object.freeze({
  hour: { since: '2026-03-18T10:00:00.000Z', until: '2026-03-18T11:00:00.000Z' },
  all: { since: '2026-03-17T00:00:00.000Z', until: '2026-04-18T00:00:00.000Z' },
});

/** @typedef {keyof typeof WINDOWS} WindowId */
/**
 * What a window keeps: the codes of the records inside it, and how many records fall outside.
 * @typedef {{ since: string, until: string, codes: Record<string, number>, byLevel: Record<string, number>, outside: number }} WindowCounts
 */

/**
 * The expected tally of a corpus, kept as its records are made: per code the records it counts in, over
 * the whole file and inside each window (since ≤ t < until, by the record's own or inherited time).
 */
export class Expect {
  constructor() {
    this.records = 0;
    this.codes = zeroCounts();
    this.windows = Object.entries(WINDOWS).map(([id, w]) => ({ id, ...w, lo: Date.parse(w.since), hi: Date.parse(w.until), codes: zeroCounts(), outside: 0 }));
  }

  /**
   * One record: its time (ms since the epoch) and the distinct codes that count in it (catalog spelling);
   * `continues`: a line of the record before (its codes are counted with it, it is no record of its own).
   * @param {number} ms
   * @param {readonly string[]} codes
   */
  add(ms, codes, continues = false) {
    if (!continues) this.records++;
    for (const c of codes) this.codes[c] = (this.codes[c] ?? 0) + 1;
    for (const w of this.windows) {
      if (ms < w.lo || ms >= w.hi) w.outside += continues ? 0 : 1;
      else for (const c of codes) w.codes[c] = (w.codes[c] ?? 0) + 1;
    }
  }

  /** The windows' counts, as the counts file stores them. */
  windowCounts() {
    /** @type {Record<string, WindowCounts>} */
    const out = {};
    for (const w of this.windows) out[w.id] = { since: w.since, until: w.until, codes: w.codes, byLevel: countsByLevel(w.codes), outside: w.outside };
    return /** @type {Record<WindowId, WindowCounts>} */ (out);
  }
}

/**
 * A clock for a corpus that spans about one day from 2026-03-18T00:00Z at any size: the step between
 * records is drawn around day / (target bytes / bytes per record).
 */
export class DayClock {
  /**
   * @param {import('./rng.mjs').Rng} rng
   * @param {number} target the corpus size in bytes
   * @param {number} bytesPerRecord about how long a record is
   */
  constructor(rng, target, bytesPerRecord) {
    this.rng = rng;
    this.ms = Date.UTC(2026, 2, 18, 0, 0, 0);
    this.span = Math.max(1, Math.round((2 * 86_400_000 * bytesPerRecord) / target));
  }

  /** Moves on and returns the new time in ms. */
  tick() {
    this.ms += this.rng.int(this.span);
    return this.ms;
  }
}

/** A time as mxscan reports it: `YYYY-MM-DDTHH:mm:ss.sssZ`. */
export function iso(/** @type {number} */ ms) {
  return new Date(ms).toISOString();
}
