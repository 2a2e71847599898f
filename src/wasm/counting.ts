// Counting here: lines whose codes need nothing more of the caller.
import { accountNext, accountsHalfUsed, accountsRestart } from './accounts';
import {
  ACCOUNT_IDS, BUCKET_AT, BUCKET_BYTES, BUCKET_COUNT, BUCKET_END, BUCKET_FIELD, BUCKET_IDX, BUCKET_LINE, BUCKET_MINUTE,
  BUCKET_START, BUCKET_TIME, BUCKETS_MAX, COUNT_BYTES, COUNT_CODES_MAX, COUNT_COUNT, COUNT_EARLIEST, COUNT_FIRSTSTART,
  COUNT_LASTLINE, COUNT_LASTSTART, COUNT_LATEST, COUNT_LINE, COUNT_MINUTE, COUNT_PENDING, COUNT_RUNFIRST, COUNT_STEADY,
} from './generated';
import { BUCKETS, outAt } from './memory';

// Once a code has all the evidence a file keeps, a line that holds only such codes, its own time and
// accounts that all have ids is counted here instead of being written out: per catalog index a count, the
// earliest time (and its line), the latest time, occurrences per minute, and per account id a count. The
// caller reads these back (countedOut, bucketsOut, accountCounts) and adds them to its summary; every one
// of them adds up whatever the order, so the result is the same as counting each line there. Each minute's
// earliest occurrence is handed over as an evidence candidate (see candidate).

let countAt: usize = 0;
let countCodes: i32 = 0;
/** u32 per (account id, catalog index): occurrences counted here since the ids last started over. */
let accountCounts: usize = 0;
/**
 * Lines counted here since the ids last started over. The caller starts them over (between calls, see
 * accountsBusy) past COUNTED_MAX, long before a u32 count could overflow: a call reads far fewer lines.
 */
let countedSinceReset: u32 = 0;
const COUNTED_MAX: u32 = 1 << 31;
let bucketsUsed: i32 = 0;

/** Bytes the caller reserves for counting a catalog of `codes` codes here (0: it is too large). */
export function countBytes(codes: i32): i32 {
  return codes > COUNT_CODES_MAX ? 0 : codes * COUNT_BYTES + ACCOUNT_IDS * codes * 4;
}

/** Where the counts live (reserved by the caller, zeroed): `codes` catalog indexes. */
export function setCounts(at: usize, codes: i32): void {
  countAt = at;
  countCodes = codes;
  accountCounts = at + <usize>(codes * COUNT_BYTES);
  countsReset();
}

/** A new file: nothing counted, no code steady (the per-account counts start over with the ids). */
export function countsReset(): void {
  for (let i = 0; i < countCodes; i++) {
    const a = countAt + <usize>(i * COUNT_BYTES);
    store<f64>(a + COUNT_STEADY, 0);
    store<f64>(a + COUNT_COUNT, 0);
    store<f64>(a + COUNT_EARLIEST, Infinity);
    store<f64>(a + COUNT_LINE, 0);
    store<f64>(a + COUNT_LATEST, -Infinity);
    store<f64>(a + COUNT_MINUTE, NaN);
    store<f64>(a + COUNT_PENDING, 0);
    store<f64>(a + COUNT_LASTSTART + 32, 0);
    store<f64>(a + COUNT_FIRSTSTART + 32, 0);
  }
  bucketsUsed = 0;
}

/** Whether lines of code `idx` (below countCodes) are counted here: its evidence is taken (setSteady). */
@inline function isSteady(idx: i32): bool {
  return load<f64>(countAt + <usize>(idx * COUNT_BYTES + COUNT_STEADY)) != 0;
}

/** From now on, lines of code `idx` may be counted here. */
export function setSteady(idx: i32): void {
  if (idx < countCodes) store<f64>(countAt + <usize>(idx * COUNT_BYTES + COUNT_STEADY), 1);
}

/**
 * Lines (or rows) whose codes await their evidence that one scanner call hands the caller before it returns:
 * the caller's reading of a code's first lines gives it its evidence, and the code is counted here from then
 * on (setSteady). With no such bound a file's (or a range's) first MiB went to JavaScript not yet compiled,
 * every line with a code (2,000 of (e)'s rows, read again one by one: ~80 ms a file).
 */
export const EVIDENCE_BATCH: i32 = 32;

/** Whether the codes not steady yet will be (the caller takes their evidence, then calls setSteady): see awaitEvidence. */
let evidenceComes: bool = false;

/** The caller makes codes steady as it takes their evidence (not when it keeps every occurrence: --accounts). */
export function awaitEvidence(on: bool): void {
  evidenceComes = on;
}

/** Is one of the n codes at output word codesAt (index, position pairs) one this kernel counts once it is steady, and not yet? */
export function awaitsEvidence(codesAt: i32, n: i32): bool {
  if (!evidenceComes) return false;
  for (let k = 0; k < n; k++) {
    const idx = load<i32>(outAt(codesAt + 2 * k));
    if (idx >= 0 && idx < countCodes && !isSteady(idx)) return true;
  }
  return false;
}

export function countedOut(): usize {
  return countAt;
}

export function accountCountsAt(): usize {
  return accountCounts;
}

/** How many finished minutes wait at bucketsOut; the caller takes them all, then calls bucketsTaken. */
export function bucketsWaiting(): i32 {
  return bucketsUsed;
}

export function bucketsTaken(): void {
  bucketsUsed = 0;
}

/** The file ends: every pending minute is finished (the caller takes the waiting ones first). */
export function countsEnd(): void {
  for (let i = 0; i < countCodes; i++) {
    const a = countAt + <usize>(i * COUNT_BYTES);
    if (load<f64>(a + COUNT_PENDING) > 0) bucket(i, load<f64>(a + COUNT_MINUTE), load<f64>(a + COUNT_PENDING));
    store<f64>(a + COUNT_MINUTE, NaN);
    store<f64>(a + COUNT_PENDING, 0);
  }
}

/** Where an occurrence is (its line's start and end, the code's position, a code field's value?), taken or not. */
@inline function keep(at: usize, ls: usize, le: usize, pos: f64, field: bool): void {
  store<f64>(at, <f64>ls);
  store<f64>(at + 8, <f64>le);
  store<f64>(at + 16, pos);
  store<f64>(at + 24, field ? 1 : 0);
  store<f64>(at + 32, 1);
}

@inline function bucket(idx: i32, minute: f64, n: f64): void {
  const b = BUCKETS + <usize>(bucketsUsed * BUCKET_BYTES);
  store<i32>(b + BUCKET_IDX, idx);
  store<f64>(b + BUCKET_MINUTE, minute);
  store<f64>(b + BUCKET_COUNT, n);
  bucketsUsed++;
}

/**
 * An occurrence that may be the earliest of its minute: it starts a run of the code's lines in one minute,
 * or is earlier than the run's first (the earliest of a minute's runs is the earliest of the minute).
 */
@inline function candidate(idx: i32, time: f64, line: f64, ls: usize, le: usize, pos: f64, field: bool): void {
  const b = BUCKETS + <usize>(bucketsUsed * BUCKET_BYTES);
  store<i32>(b + BUCKET_IDX, idx);
  store<f64>(b + BUCKET_COUNT, 0);
  store<f64>(b + BUCKET_TIME, time);
  store<f64>(b + BUCKET_LINE, line);
  store<f64>(b + BUCKET_START, <f64>ls);
  store<f64>(b + BUCKET_END, <f64>le);
  store<f64>(b + BUCKET_AT, pos);
  store<f64>(b + BUCKET_FIELD, field ? 1 : 0);
  bucketsUsed++;
}

/**
 * Counts the line here when it can be: nCodes (catalog index, position) pairs from output word codesAt, all
 * of steady codes, nIds account ids from word idsAt (in order, maybe repeated), its own time (NaN: none,
 * Infinity: unsure, neither counted here), its line number, start and end, and whether its code is a JSON
 * code field's value. False: the caller counts it.
 */
export function countHere(codesAt: i32, nCodes: i32, idsAt: i32, nIds: i32, time: f64, line: f64, ls: usize, le: usize, field: bool): bool {
  if (countCodes == 0 || !isFinite(time)) return false;
  const minute = Math.floor(time / 60000);
  let finished = 0;
  for (let k = 0; k < nCodes; k++) {
    const idx = load<i32>(outAt(codesAt + 2 * k));
    if (idx >= countCodes || !isSteady(idx)) return false;
    const a = countAt + <usize>(idx * COUNT_BYTES);
    const m = load<f64>(a + COUNT_MINUTE);
    if (load<f64>(a + COUNT_PENDING) > 0 && m != minute) finished++;
    if (m != minute || time < load<f64>(a + COUNT_RUNFIRST)) finished++;
  }
  if (bucketsUsed + finished > BUCKETS_MAX) return false;
  for (let k = 0; k < nCodes; k++) {
    const idx = load<i32>(outAt(codesAt + 2 * k));
    const a = countAt + <usize>(idx * COUNT_BYTES);
    store<f64>(a + COUNT_COUNT, load<f64>(a + COUNT_COUNT) + 1);
    // Lines come in order: one before the earliest time so far is the first occurrence, one at the latest
    // the last (the caller makes their evidence).
    const pos = <f64>load<i32>(outAt(codesAt + 2 * k + 1));
    if (time < load<f64>(a + COUNT_EARLIEST)) {
      store<f64>(a + COUNT_EARLIEST, time);
      store<f64>(a + COUNT_LINE, line);
      keep(a + COUNT_FIRSTSTART, ls, le, pos, field);
    }
    if (time >= load<f64>(a + COUNT_LATEST)) {
      store<f64>(a + COUNT_LATEST, time);
      store<f64>(a + COUNT_LASTLINE, line);
      keep(a + COUNT_LASTSTART, ls, le, pos, field);
    }
    if (load<f64>(a + COUNT_MINUTE) != minute) {
      if (load<f64>(a + COUNT_PENDING) > 0) bucket(idx, load<f64>(a + COUNT_MINUTE), load<f64>(a + COUNT_PENDING));
      store<f64>(a + COUNT_MINUTE, minute);
      store<f64>(a + COUNT_PENDING, 0);
      store<f64>(a + COUNT_RUNFIRST, time);
      candidate(idx, time, line, ls, le, pos, field);
    } else if (time < load<f64>(a + COUNT_RUNFIRST)) {
      store<f64>(a + COUNT_RUNFIRST, time);
      candidate(idx, time, line, ls, le, pos, field);
    }
    store<f64>(a + COUNT_PENDING, load<f64>(a + COUNT_PENDING) + 1);
    // Each account once per line.
    for (let j = 0; j < nIds; j++) {
      const id = load<i32>(outAt(idsAt + j));
      let again = false;
      for (let i = 0; i < j; i++) if (load<i32>(outAt(idsAt + i)) == id) again = true;
      if (again) continue;
      const c = accountCounts + ((<usize>id * <usize>countCodes + <usize>idx) << 2);
      store<u32>(c, load<u32>(c) + 1);
    }
  }
  countedSinceReset++;
  return true;
}


/** Forgets every account: ids start again from 0, and the counts per account kept here with them. */
export function accountsReset(): void {
  if (countCodes > 0) memory.fill(accountCounts, 0, <usize>accountNext * <usize>countCodes * 4);
  countedSinceReset = 0;
  accountsRestart();
}

/**
 * Half the ids or half the arena are used, or the per-account counts kept here could soon overflow: time
 * to count what they stand for and start over.
 */
export function accountsBusy(): bool {
  return accountsHalfUsed() || countedSinceReset >= COUNTED_MAX;
}
