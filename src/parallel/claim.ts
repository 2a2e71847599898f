/**
 * The part of a byte range not read yet, shared by the thread reading it and the threads that may take its
 * tail (see steal.ts): the reader takes its chunks from the front, a thread with nothing left to do moves the
 * end back to a line start the reader has not taken yet, and reads from there to the old end itself. Both
 * numbers change together under a lock word, so a chunk is never read by both (offsets are doubles: files
 * over 4 GiB).
 */
export class RangeClaim {
  private readonly lock: Int32Array;
  /** Where the reader takes its next chunk, and where the range ends now. */
  private readonly at: Float64Array;

  /** The claim over a shared buffer made by `over` (on another thread). */
  constructor(readonly buffer: SharedArrayBuffer) {
    this.lock = new Int32Array(buffer, 0, 1);
    this.at = new Float64Array(buffer, 8, 2);
  }

  /** A claim over [start, end), nothing taken yet. */
  static over(start: number, end: number): RangeClaim {
    const claim = new RangeClaim(new SharedArrayBuffer(24));
    claim.at[0] = start;
    claim.at[1] = end;
    return claim;
  }

  /** The reader, at `pos`, takes up to `want` bytes: how many it may read there (0: the range ends at pos). */
  take(pos: number, want: number): number {
    return this.locked(() => {
      const n = Math.max(0, Math.min(want, this.at[1]! - pos));
      this.at[0] = pos + n;
      return n;
    });
  }

  /** Where the reader goes on from, and where the range ends. */
  left(): { next: number; end: number } {
    return this.locked(() => ({ next: this.at[0]!, end: this.at[1]! }));
  }

  /**
   * Ends the range at `cut` if it still ends at `end` and the reader has not taken a byte at or past `cut`:
   * true when it did (the bytes from cut to end are then the caller's to read).
   */
  cut(cut: number, end: number): boolean {
    return this.locked(() => {
      if (this.at[1] !== end || this.at[0]! > cut || cut >= end) return false;
      this.at[1] = cut;
      return true;
    });
  }

  private locked<T>(f: () => T): T {
    // Held for a few instructions: spin, then sleep a millisecond at a time (the holder may be descheduled).
    for (let spins = 0; Atomics.compareExchange(this.lock, 0, 0, 1) !== 0; spins++) {
      if (spins > 64) Atomics.wait(this.lock, 0, 1, 1);
    }
    try {
      return f();
    } finally {
      Atomics.store(this.lock, 0, 0);
      Atomics.notify(this.lock, 0);
    }
  }
}
