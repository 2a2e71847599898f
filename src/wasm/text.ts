// Plain text: each line's `_` words (catalog codes, unknown-code values), its accounts and its own time.
import { awaitsEvidence, countHere, EVIDENCE_BATCH } from './counting';
import { lineAccounts, lineIds } from './accounts';
import {
  TEXT_HEAD_CODES, TEXT_HEAD_END, TEXT_HEAD_IDS, TEXT_HEAD_INDEX, TEXT_HEAD_LAST, TEXT_HEAD_RECORD, TEXT_HEAD_START, TEXT_HEAD_TIME, TEXT_HEAD_UNKNOWNS, TEXT_HEAD_WORDS,
  TEXT_OUT_MARGIN, TEXT_OUT_WORDS,
} from './generated';
import { outAt, TEXT_LINES } from './memory';
import { clockTime, countedAtStart, countedLater, lastTime, leaveCounted, mayJoin, recordLine, recordStart, toCaller, uncountLater } from './records';
import { lineCarries, lineTime } from './times';
import { clock, clockFirst, clockOffset } from './line-heads';
import { noteTime, timesFull, timesStart, timesWritten, unnoteTime } from './window';
import { firstUnderscore, lineEnd, lineWords, nextUnderscore, wordCodes, wordUnknowns } from './words';

// What scanText writes per line it reports: a head of TEXT_HEAD_WORDS words — line start, line end, line index,
// codes, unknown values, account ids (-1: the caller finds them), a spare word, the line's own time (f64:
// NaN for none), the index of its record's first line (negative: in an earlier call) and a spare word — then (catalog index, position) per code, (start,
// end) per unknown value, and the account ids, padded to an even count.

/**
 * Scans the lines of [s, e) (e ends a line, or the text) for catalog codes and unknown-code values (see
 * lineWords); each line with findings is written out, its codes once each, with its own time and, when it
 * holds codes, its account ids. With a window (windowed), the own time of every line is noted
 * (src/wasm/window.ts) and a line whose time (own, or inherited: the first from `before`) is outside it is
 * passed over. Every line is placed in its record (src/wasm/records.ts): a code already counted here at its
 * record's first line is left out of the lines after it.
 * Returns the words written; stores the lines read, the position to go on from (less than e only when the output or the times filled
 * up, or EVIDENCE_BATCH lines whose codes await their evidence were written) and the times noted.
 */
export function scanText(s: usize, e: usize, lineBase: f64, windowed: bool, before: f64): i32 {
  let w = 0;
  let lines = 0;
  let ls = s;
  // Lines written out whose codes await their evidence: few before the caller takes them (EVIDENCE_BATCH).
  let awaiting = 0;
  timesStart(before);
  while (ls < e) {
    if (w + TEXT_OUT_MARGIN > TEXT_OUT_WORDS || (windowed && timesFull()) || awaiting >= EVIDENCE_BATCH) break;
    const le = lineEnd(ls, e);
    const under = firstUnderscore;
    const end = le > ls && load<u8>(le - 1) == 0x0d ? le - 1 : le;
    // Every line's own time: it tells where records start (src/wasm/records.ts). A time of day alone
    // (Logback's) is on the date of the time before it.
    let own: f64 = lineTime(ls, end);
    const isClock = isNaN(own) && clockFirst(ls, end);
    if (isClock) own = clockTime(clock, clockOffset);
    // A line passed over (its time outside the window) is only placed in its record.
    const passed = windowed && noteTime(lines, ls, own);
    const read = under >= 0 && !passed;
    if (read && !lineWords(ls, le, <usize>under, w + TEXT_HEAD_WORDS)) {
      // Read again by the next call.
      if (windowed) unnoteTime(own);
      break;
    }
    const starts = recordLine(own, isClock, <f64>(end - ls + 1), lineBase + <f64>lines, !isClock && !isNaN(own) && mayJoin(own) && lineCarries(end));
    if (read) {
      // A code counts once per record: those counted here in it are left out of the lines after.
      const codes = starts ? wordCodes : leaveCounted(w + TEXT_HEAD_WORDS, wordCodes, wordUnknowns);
      const found = codes + wordUnknowns;
      if (found > 0) {
        let ids = 0;
        if (codes > 0) ids = lineAccounts(ls, end, false, w + TEXT_HEAD_WORDS + 2 * found, true) ? lineIds : -1;
        // A line after its record's first has the record's time (not with a window: the caller tells what is in it).
        const later = !starts && !windowed && wordUnknowns == 0 && ids >= 0 && countedLater(w + TEXT_HEAD_WORDS, codes);
        const counted =
          (later || (starts && wordUnknowns == 0 && ids >= 0 && countedAtStart(w + TEXT_HEAD_WORDS, codes))) &&
          countHere(w + TEXT_HEAD_WORDS, codes, w + TEXT_HEAD_WORDS + 2 * found, ids, starts ? own : lastTime, lineBase + <f64>lines, ls, le, false);
        if (!counted) {
          if (starts) countedAtStart(w, 0);
          if (later) uncountLater(codes);
          else toCaller();
          store<i32>(outAt(w + TEXT_HEAD_START), <i32>ls);
          store<i32>(outAt(w + TEXT_HEAD_END), <i32>le);
          store<i32>(outAt(w + TEXT_HEAD_INDEX), lines);
          store<i32>(outAt(w + TEXT_HEAD_CODES), codes);
          store<i32>(outAt(w + TEXT_HEAD_UNKNOWNS), wordUnknowns);
          store<i32>(outAt(w + TEXT_HEAD_IDS), ids);
          store<f64>(outAt(w + TEXT_HEAD_TIME), own);
          store<i32>(outAt(w + TEXT_HEAD_RECORD), <i32>(recordStart - lineBase));
          store<f64>(outAt(w + TEXT_HEAD_LAST), lastTime);
          if (codes > 0 && awaitsEvidence(w + TEXT_HEAD_WORDS, codes)) awaiting++;
          w += TEXT_HEAD_WORDS + 2 * found + ((max(ids, 0) + 1) & ~1);
        }
      }
    }
    lines++;
    ls = le + 1;
  }
  store<i32>(TEXT_LINES, lines);
  store<u32>(TEXT_LINES + 4, <u32>ls);
  store<i32>(TEXT_LINES + 8, timesWritten());
  return w;
}


/**
 * The `_` words of [s, e), a piece of a line too long to hold whole (see lineWords): (catalog index,
 * position) per code, once each, then (start, end) per unknown value, from output word 0. Returns the
 * pairs written, the codes among them stored after the output; -1 when the output filled up.
 */
export function pieceWords(s: usize, e: usize): i32 {
  const first = nextUnderscore(s, e);
  let codes = 0;
  let unknowns = 0;
  if (first < e) {
    if (!lineWords(s, e, first, 0)) return -1;
    codes = wordCodes;
    unknowns = wordUnknowns;
  }
  store<i32>(TEXT_LINES, codes);
  return codes + unknowns;
}
