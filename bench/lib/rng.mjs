/** Every 16-bit value as 4 hex digits: ids are made without number-to-string work. */
const HEX4 = Array.from({ length: 65536 }, (_, i) => i.toString(16).padStart(4, '0'));

/**
 * A small seeded pseudo-random generator (sfc32): the same seed gives the same corpus on every machine
 * and Node version, which Math.random cannot promise.
 */
export class Rng {
  /** @param {number} seed any integer */
  constructor(seed) {
    // Spread the seed over the four words, then discard the first outputs (sfc32's recommended warm-up).
    this.a = 0x9e3779b9 ^ seed;
    this.b = 0x243f6a88 + seed * 31;
    this.c = 0xb7e15162 ^ (seed << 7);
    this.d = 1;
    for (let i = 0; i < 24; i++) this.u32();
  }

  /** @returns {number} the next unsigned 32-bit integer */
  u32() {
    this.a >>>= 0; this.b >>>= 0; this.c >>>= 0; this.d >>>= 0;
    const t = (this.a + this.b) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.d = (this.d + 1) | 0;
    this.c = (this.c + t) | 0;
    return (t + this.d) >>> 0;
  }

  /**
   * @param {number} n
   * @returns {number} an integer in [0, n)
   */
  int(n) {
    return Math.floor((this.u32() / 4294967296) * n);
  }

  /**
   * @param {number} p
   * @returns {boolean} true with probability p
   */
  chance(p) {
    return this.u32() / 4294967296 < p;
  }

  /**
   * One element of a non-empty list.
   * @template T
   * @param {readonly T[]} list
   * @returns {T}
   */
  pick(list) {
    return /** @type {T} */ (list[this.int(list.length)]);
  }

  /**
   * @param {number} digits how many (a multiple of 4)
   * @returns {string} that many lower-case hex digits
   */
  hex(digits) {
    let s = '';
    for (let i = 0; i < digits; i += 4) s += HEX4[this.u32() & 0xffff];
    return s;
  }
}
