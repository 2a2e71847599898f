// Unknown code values of a CSV file's code column that the caller has all the evidence of (its first
// occurrences give it: see src/fast/csv-scan.ts): a row holding one is counted here, per value.
import { hashLower, lower } from './bytes';
import { CSV_UNKNOWN_BYTES, CSV_UNKNOWNS } from './generated';

const SLOTS: u32 = <u32>CSV_UNKNOWNS * 2;
/** Per slot: the value's number + 1 (0: empty) and its hash. */
const TABLE: usize = memory.data(<i32>SLOTS * 8 + 16, 16);
/** Per value: its lower-cased bytes, their length, and the rows counted (f64). */
const KEYS: usize = memory.data(CSV_UNKNOWNS * CSV_UNKNOWN_BYTES + 16, 16);
const LENGTHS: usize = memory.data(CSV_UNKNOWNS * 4 + 16, 16);
const COUNTS: usize = memory.data(CSV_UNKNOWNS * 8 + 16, 16);
let values = 0;

/** A file starts: no value is counted here. */
export function unknownsReset(): void {
  memory.fill(TABLE, 0, <usize>SLOTS * 8);
  values = 0;
}

/** Where the rows counted per value are (f64, in the order the values were given). */
export function csvUnknownCounts(): usize {
  return COUNTS;
}

/** The number of the value [s, e) (compared with A-Z lower-cased), or -1. */
export function unknownAt(s: usize, e: usize): i32 {
  const n = <i32>(e - s);
  if (values == 0 || n > CSV_UNKNOWN_BYTES) return -1;
  const h = hashLower(s, e);
  let slot = h & (SLOTS - 1);
  while (true) {
    const at = TABLE + (<usize>slot << 3);
    const k = load<i32>(at) - 1;
    if (k < 0) return -1;
    if (load<u32>(at, 4) == h && load<i32>(LENGTHS + (<usize>k << 2)) == n) {
      const key = KEYS + <usize>(k * CSV_UNKNOWN_BYTES);
      let i = 0;
      while (i < n && lower(<u32>load<u8>(s + <usize>i)) == <u32>load<u8>(key + <usize>i)) i++;
      if (i == n) return k;
    }
    slot = (slot + 1) & (SLOTS - 1);
  }
  return -1;
}

/** A row with the value's number k: counted. */
export function countUnknown(k: i32): void {
  const at = COUNTS + (<usize>k << 3);
  store<f64>(at, load<f64>(at) + 1);
}

/**
 * From now on rows whose code value is [s, e) (printable ASCII, at most CSV_UNKNOWN_BYTES) are counted
 * here: returns its number, or -1 when no room is left (or it is one already).
 */
export function csvUnknown(s: usize, e: usize): i32 {
  const n = <i32>(e - s);
  if (values == CSV_UNKNOWNS || n > CSV_UNKNOWN_BYTES || n == 0 || unknownAt(s, e) >= 0) return -1;
  const k = values++;
  const key = KEYS + <usize>(k * CSV_UNKNOWN_BYTES);
  for (let i = 0; i < n; i++) store<u8>(key + <usize>i, <u8>lower(<u32>load<u8>(s + <usize>i)));
  store<i32>(LENGTHS + (<usize>k << 2), n);
  store<f64>(COUNTS + (<usize>k << 3), 0);
  const h = hashLower(s, e);
  let slot = h & (SLOTS - 1);
  while (load<i32>(TABLE + (<usize>slot << 3)) != 0) slot = (slot + 1) & (SLOTS - 1);
  store<i32>(TABLE + (<usize>slot << 3), k + 1);
  store<u32>(TABLE + (<usize>slot << 3), h, 4);
  return k;
}
