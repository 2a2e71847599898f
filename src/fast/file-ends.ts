// Each code's first and last occurrences in one file (time, then line), with a time and without: evidence
// candidates the file gives when it ends (a byte range's untimed ones take the time before it later).
import type { CodeStat, Tally } from '../model/tally.js';
import { addEvidence, keepsEvidence } from '../summary/samples.js';
import { addEnd } from '../summary/tally.js';

/** Makes the evidence text of an occurrence at [ls, le), its code at `at`, while its bytes are there. */
export type MakeSample = (idx: number, ls: number, le: number, at: number, field: boolean) => string;

/** An occurrence asked about (see keeps). */
interface Probe {
  file: string;
  line: number;
  time: number | null;
  text: string;
}

/**
 * Kept as numbers and strings per slot, changed in place as later ones come: an object is made for one
 * only when the file ends, and only if its stat takes it (most files' ends are not their codes' evidence).
 */
export class FileEnds {
  /** Four slots per code: [first timed, last timed, first untimed, last untimed]; line -1: none yet. */
  private readonly lines: number[];
  private readonly times: (number | null)[];
  private readonly texts: string[];
  /** Per slot: where the evidence not made yet is (line start, end, the code's position); NaN: made. */
  private readonly endAt: number[];
  /** Per slot: the code not made yet is a JSON code field's value. */
  private readonly endField: boolean[];
  private readonly probe: Probe = { file: '', line: 0, time: null, text: '' };
  /** The file whose occurrences these are (see PerFile: one FileEnds serves file after file). */
  file = '';

  constructor(codes: number) {
    this.lines = new Array<number>(4 * codes).fill(-1);
    this.times = new Array<number | null>(4 * codes).fill(null);
    this.texts = new Array<string>(4 * codes).fill('');
    this.endAt = new Array<number>(12 * codes).fill(NaN);
    this.endField = new Array<boolean>(4 * codes).fill(false);
  }

  /** Forgets the last file's occurrences (given to its stats by now). */
  clear(): void {
    this.lines.fill(-1);
    this.texts.fill('');
    this.endAt.fill(NaN);
  }

  /**
   * Keeps an occurrence as the code's first or last in the file when it is (by time, then line; `which`: 1
   * first, 2 last): its evidence `text`, or where to make it (p: 3 numbers in `where`; `field`: the code is a
   * JSON code field's value) when it is kept (see makeTexts).
   */
  note(idx: number, line: number, time: number | null, text: string | undefined, which = 3, where: readonly number[] = [], p = 0, field = false): void {
    const at = 4 * idx + (time === null ? 2 : 0);
    const t = time ?? 0;
    const fl = this.lines[at]!;
    const ft = this.times[at] ?? 0;
    if ((which & 1) !== 0 && (fl === -1 || t < ft || (t === ft && line < fl))) this.keep(at, line, time, text, where, p, field);
    const ll = this.lines[at + 1]!;
    const lt = this.times[at + 1] ?? 0;
    if ((which & 2) !== 0 && (ll === -1 || t > lt || (t === lt && line >= ll))) this.keep(at + 1, line, time, text, where, p, field);
  }

  /** note for an occurrence whose evidence is made only if it is kept (see makeTexts): the kernel's first or last. */
  noteAt(idx: number, o: { line: number; time: number; ls: number; le: number; at: number; field: boolean }, which: number): void {
    const where = this.where;
    where[0] = o.ls;
    where[1] = o.le;
    where[2] = o.at;
    this.note(idx, o.line, o.time, undefined, which, where, 0, o.field);
  }

  private readonly where = [0, 0, 0];

  /** Puts an occurrence in slot k. */
  private keep(k: number, line: number, time: number | null, text: string | undefined, where: readonly number[], p: number, field: boolean): void {
    this.lines[k] = line;
    this.endField[k] = field;
    this.times[k] = time;
    this.texts[k] = text ?? '';
    this.endAt[3 * k] = text === undefined ? where[p]! : NaN;
    if (text === undefined) {
      this.endAt[3 * k + 1] = where[p + 1]!;
      this.endAt[3 * k + 2] = where[p + 2]!;
    }
  }

  /** Slot k's occurrence as a candidate, for a look (the same object each time). */
  private probeOf(k: number): Probe {
    const x = this.probe;
    x.file = this.file;
    x.line = this.lines[k]!;
    x.time = this.times[k]!;
    x.text = this.texts[k]!;
    return x;
  }

  /**
   * Makes the evidence of the kept occurrences whose text is not made yet, while their bytes are in the
   * buffer. In a whole file's tally (`stats`: per catalog index, its code's stat) not of one its evidence
   * would not take now: it will not at the file's end either (what it takes only gets stricter).
   */
  makeTexts(make: MakeSample, tally?: Tally, stats?: readonly (CodeStat | undefined)[]): void {
    for (let k = 0; k < this.lines.length; k++) {
      if (Number.isNaN(this.endAt[3 * k])) continue;
      const st = stats?.[k >> 2];
      if (tally?.ranged === true || st === undefined || keepsEvidence(st.evidence, this.probeOf(k))) this.texts[k] = make(k >> 2, this.endAt[3 * k]!, this.endAt[3 * k + 1]!, this.endAt[3 * k + 2]!, this.endField[k]!);
      this.endAt[3 * k] = NaN;
    }
  }

  /**
   * The file ended: code idx's first and last become candidates of its stat — a byte range's as its tail (joined
   * with its neighbours', see joinRanges), a whole file's as evidence candidates (made only when it takes them).
   */
  give(idx: number, s: CodeStat, tally: Tally): void {
    for (let k = 4 * idx; k < 4 * idx + 4; k++) {
      if (this.lines[k] === -1) continue;
      if (tally.ranged !== true && !keepsEvidence(s.evidence, this.probeOf(k))) continue;
      const end = { file: this.file, line: this.lines[k]!, time: this.times[k]!, text: this.texts[k]! };
      if (tally.ranged === true) addEnd(s, end);
      else addEvidence(s.evidence, end);
    }
  }
}
