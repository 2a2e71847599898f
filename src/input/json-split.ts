import { BACKSLASH, CLOSE_BRACE, CLOSE_BRACKET, COMMA, elementEnd, firstOnLine, NL, nextNl, OPEN_BRACE, OPEN_BRACKET, QUOTE, skipWs, trimEnd, WS } from './json-bytes.js';
import { MORE, NO_RECORDS, recordsStart, valueEnd } from './json-records.js';
import { DEFAULT_SHAPE, isEvent, objectOn, type JsonShape } from './json-shape.js';

/** Where the elements of a JSON array go (see JsonElements). */
export interface JsonSink {
  /** An element buf[s, e) (its text as trimEnd leaves it), starting on line `line`. */
  element(buf: Buffer, s: number, e: number, line: number): void;
  /** An element longer than the limit, starting on line `line`: its bytes were dropped as they came. */
  skipped(line: number): void;
}

const enum S {
  /** Before the opening `[`. */
  Start,
  /** Between elements. */
  Between,
  /** Inside an over-long element, its bytes dropped (only in skip mode). */
  Element,
  /** After the closing `]`. */
  After,
  /** The rest of a wrapped export's object after its records array, passed over (strings and nesting tracked). */
  Rest,
  /** Text after the array: one more element, to the end of its line. */
  Trailing,
  /** The input does not start with `[`: it is not an array. */
  NotArray,
}

/**
 * The elements of a JSON array, from bytes that arrive in chunks: found by tracking strings (and their
 * escapes) and nesting, so an array of any size is read one element at a time. An element's line is the
 * line of its first byte (every `\n` counts); it ends at a `,` or `]` outside strings and nested values.
 * An element longer than `maxLength` bytes (up to its delimiter) is skipped as it streams. After the array
 * comes another array or wrapped export (exports appended to one file, as a loop over `aws logs
 * filter-log-events … >> out.json` writes them, or one per line), whose records follow, or other text: each
 * of its lines one more element (an API's error between two pages, events after them), and an export may
 * follow it again. Input that starts with `{` is a wrapped export when a records array opens in it (see
 * recordsStart): its elements are the records, and the rest of the object is passed over. Other input is
 * not an array: `notArray` turns true and nothing is consumed (the caller reads the input otherwise).
 */
export class JsonElements {
  /** Line of the byte at the `from` of the next split call. */
  line = 1;
  trailed = false;
  private state = S.Start;
  // Skip mode (an over-long element): where the byte reader is in it, and the line it started on.
  private depth = 0;
  private inString = false;
  private escaped = false;
  private skipLine = 0;
  /** The element skipped is a line of text after an array: it ends at its line's end. */
  private skipToLineEnd = false;
  /** The array is the records array of a wrapped export, inside this many objects. */
  private wrapped = false;
  private objects = 0;
  /** Top-level values read before the current one (a first value that is no array is not an array). */
  private values = 0;
  /**
   * The wrapped export's records array opened on the line of its first element (a compact export, as `jq -c` or
   * an API writes one a line): an element or the rest of its object cut by a line end is cut there, and what
   * follows is read anew (a page a killed loop left unfinished does not take the pages after it).
   */
  private compact = false;
  /** At an element's start past a top-level `,` or `[` (a run passes an element with its `,`, stops before `]`): see cleanCut. */
  private sep = false;

  constructor(
    private readonly maxLength: number,
    /** Finds where an element ends (the fast path's kernel does it; the same answers). */
    private readonly end: ElementEnd = elementEnd,
    /** Where a wrapped export's records may be (`--records`, else RECORDS_PATHS), and the fields given. */
    private readonly shape: JsonShape = DEFAULT_SHAPE,
    /** Reads the elements between two others in bulk (the fast path's kernel: see ElementRun). */
    private readonly run?: ElementRun,
  ) {}

  get notArray(): boolean {
    return this.state === S.NotArray;
  }


  /** A byte range of a bare array from between two elements (src/parallel/plan.ts cutAfter): read as past a `,`. */
  resumeBetween(): void {
    this.state = S.Between;
    this.values = 1;
    this.sep = true;
  }

  /** The input so far ends between two elements of a bare array, past a `,`: a byte range may end there (see src/scan.ts). */
  get cleanCut(): boolean {
    return this.state === S.Between && this.sep && !this.wrapped && !this.compact;
  }

  /**
   * Gives the sink every element that ends in buf[from, to) and returns where the first unfinished one
   * starts (the caller keeps buf from there and calls again with more). `last`: to is the input's end.
   */
  split(buf: Buffer, from: number, to: number, last: boolean, sink: JsonSink): number {
    // Searches stop at `to`: what lies past it in the buffer is not the input.
    const view = to === buf.length ? buf : buf.subarray(0, to);
    let p = from;
    // Lines are counted up to `counted`; `nl` is the first `\n` at or after it (`to`: none before `to`).
    let counted = from;
    let nl = -1;
    // Where `run` last stopped: the element there is read here, one at a time.
    let ran = -1;
    // The end of the line a compact export's element is on (found once a line, not once an element).
    let lineEnd = -1;
    const lineAt = (pos: number): number => {
      if (nl < counted) nl = nextNl(view, counted, to);
      while (nl < pos) {
        this.line++;
        nl = nextNl(view, nl + 1, to);
      }
      counted = pos;
      return this.line;
    };
    while (p < to) {
      const st = this.state;
      if (st === S.Element) {
        p = this.skipOn(buf, p, to);
        if (this.state === S.Element) break;
        sink.skipped(this.skipLine);
        continue;
      }
      if (st === S.Rest) {
        p = this.restOn(buf, p, to);
        continue;
      }
      const c = buf[p]!;
      if (WS[c] === 1) {
        p++;
        continue;
      }
      if (st === S.Start && c === OPEN_BRACE) {
        // A wrapped export: nothing is consumed until its records array opens (the object's head is short).
        // Told by the first maxLength bytes alone, however the input comes in chunks.
        const lim = Math.min(to, (this.values === 0 ? from : p) + this.maxLength);
        const opened = { objects: 0 };
        const at = recordsStart(view, p, lim, this.shape.paths, opened);
        if (at === MORE && !last && lim === to) return this.values === 0 ? from : this.keep(lineAt, p);
        // An object with an event's own fields is an event (its array one of its fields), not an export.
        const event = at >= 0 && isEvent(view, p, at, opened.objects, to, last, this.shape, this.end);
        if (event === undefined) return this.values === 0 ? from : this.keep(lineAt, p);
        if (at < 0 || event) {
          const end = this.objectEnd(view, p, lim, event ? NO_RECORDS : at, (event || this.values > 0) && !last && lim === to);
          if (end === MORE) return this.values === 0 ? from : this.keep(lineAt, p);
          if (end > 0) {
            // An object that is no export: one element (objects one after another, as `jq '.[]'` prints them).
            if (end - p > this.maxLength) sink.skipped(lineAt(p));
            else sink.element(buf, p, end, lineAt(p));
            this.values++;
            this.state = S.After;
            p = end;
            continue;
          }
          if (at < 0 && this.values > 0) {
            this.trail();
            continue;
          }
          if (at < 0) {
            this.state = S.NotArray;
            return from;
          }
          // An event that is no one element (no JSON, or on one line first): read as the export it looks like.
        }
        const compact = firstOnLine(view, p, at, to, last);
        if (compact === undefined) return this.values === 0 ? from : this.keep(lineAt, p);
        this.wrapped = true;
        this.objects = opened.objects;
        this.state = S.Between;
        this.compact = compact;
        p = at;
      } else if (st === S.Start) {
        if (c !== OPEN_BRACKET) {
          if (this.values > 0) {
            this.trail();
            continue;
          }
          this.state = S.NotArray;
          return from;
        }
        this.state = S.Between;
        this.compact = false;
        this.sep = true;
        p++;
      } else if (st === S.Between) {
        if (c === CLOSE_BRACKET) this.state = S.After;
        if (c === CLOSE_BRACKET || c === COMMA) {
          this.sep = c === COMMA;
          p++;
          continue;
        }
        // A compact export's element ends on its line.
        if (this.compact && lineEnd < p) lineEnd = nextNl(view, p, to);
        const eol = this.compact ? lineEnd : to;
        if (this.run !== undefined && p !== ran) {
          const r = this.run(p, eol, lineAt(p));
          ran = r.next;
          if (r.next !== p) {
            this.line = r.line;
            counted = p = r.next;
            nl = -1;
            continue;
          }
        }
        const end = this.end(view, p, eol);
        if (end === -1 && eol < to) {
          // A compact export cut at its line's end: the element so far is one (read as text), the line ends it.
          if (eol - p > this.maxLength) sink.skipped(lineAt(p));
          else sink.element(buf, p, trimEnd(buf, p, eol), lineAt(p));
          this.cutExport();
          p = eol;
          continue;
        }
        if (end === -1 && !last) {
          // Unfinished: kept while it may still fit, else skipped as it streams.
          if (to - p <= this.maxLength) return this.keep(lineAt, p);
          this.startSkip(lineAt(p));
          continue;
        }
        const d = end === -1 ? to : end;
        if (d - p > this.maxLength) sink.skipped(lineAt(p));
        else sink.element(buf, p, trimEnd(buf, p, d), lineAt(p));
        this.sep = end !== -1 && buf[end] === COMMA;
        if (end === -1) p = to;
        else {
          if (buf[end] === CLOSE_BRACKET) this.state = S.After;
          p = end + 1;
        }
      } else if (st === S.After && this.wrapped) {
        // The rest of a wrapped export's object (a paging token, counts): not records, passed over to its end.
        this.wrapped = false;
        this.state = S.Rest;
        this.depth = this.objects;
        this.inString = false;
        this.escaped = false;
      } else if (st === S.After && (c === OPEN_BRACKET || c === OPEN_BRACE)) {
        // Another array (of objects, as one is told at the start) or wrapped export after this one: its records
        // follow. A `[` before anything else starts a line of text (`[2026-04-07, 09:30:00 UTC] …`).
        if (c === OPEN_BRACKET) {
          const k = skipWs(buf, p + 1, to);
          if (k === to && !last) return this.keep(lineAt, p);
          if (k === to || (buf[k] !== OPEN_BRACE && buf[k] !== CLOSE_BRACKET)) {
            this.trail();
            continue;
          }
        }
        this.values++;
        this.state = S.Start;
      } else if (st === S.After || st === S.Trailing) {
        // A line of text after the array: one more element; what follows it is read as after an array.
        this.trail();
        const d = nextNl(view, p, to);
        if (d === to && !last) {
          if (to - p <= this.maxLength) return this.keep(lineAt, p);
          this.startSkip(lineAt(p));
          continue;
        }
        if (d - p > this.maxLength) sink.skipped(lineAt(p));
        else sink.element(buf, p, trimEnd(buf, p, d), lineAt(p));
        this.state = S.After;
        p = d;
      } else return p;
    }
    // Nothing but white space yet: kept, in case it is not an array (its lines are then the input's).
    if (this.state === S.Start) return from;
    if (last && this.state === S.Element) {
      this.state = S.After;
      sink.skipped(this.skipLine);
    }
    lineAt(p);
    return p;
  }

  /**
   * Where the object at p that holds no records ends (just past its `}`), when it is one element: after an
   * export, or, first in the input, over several lines (one on a line first is JSON lines); one over several
   * lines must be JSON. -1 when it is not (an unfinished one too: a line of text after an export is then read);
   * MORE when it may still end (`more`: an event's, or any after an export, before `to`: where such an object
   * ends is decided on the same bytes however the input comes in chunks).
   */
  private objectEnd(view: Buffer, p: number, lim: number, at: number, more: boolean): number {
    if (at !== NO_RECORDS) return -1;
    const end = valueEnd(view, p, lim);
    if (end === MORE && more) return MORE;
    if (end < 0) return -1;
    const nl = view.indexOf(NL, p);
    if (nl === -1 || nl >= end) return this.values > 0 ? end : -1;
    return objectOn(view, p, end) === undefined ? -1 : end;
  }

  /** A compact export cut at a line's end: what follows is read as after an export. */
  private cutExport(): void {
    this.state = S.After;
    this.wrapped = false;
    this.compact = false;
  }

  /** Text after the array: each of its lines one more element (`trailed` says one was read). */
  private trail(): void {
    this.state = S.Trailing;
    this.trailed = true;
  }

  /** Stops at p, whose line the next call starts from. */
  private keep(lineAt: (pos: number) => number, p: number): number {
    lineAt(p);
    return p;
  }

  private startSkip(line: number): void {
    this.skipLine = line;
    // A line of text after an array ends at its line's end, not at a delimiter.
    this.skipToLineEnd = this.state === S.Trailing;
    this.sep = false;
    this.depth = 0;
    this.inString = false;
    this.escaped = false;
    this.state = S.Element;
  }

  /** Follows strings and their escapes a byte at a time: true when c is part of a string (its quotes too). */
  private inText(c: number): boolean {
    if (this.inString) {
      if (this.escaped) this.escaped = false;
      else if (c === BACKSLASH) this.escaped = true;
      else if (c === QUOTE) this.inString = false;
      return true;
    }
    if (c !== QUOTE) return false;
    this.inString = true;
    return true;
  }

  /**
   * Reads on through the rest of a wrapped export's object from p, byte by byte (`depth` objects and arrays
   * still open); returns where the object ended (what follows is read as after an array) or `to`.
   */
  private restOn(buf: Buffer, p: number, to: number): number {
    for (let i = p; i < to; i++) {
      const c = buf[i]!;
      // A compact export's object ends on its line.
      if (c === NL && this.compact) {
        this.cutExport();
        return i;
      }
      if (this.inText(c)) continue;
      if (c === OPEN_BRACE || c === OPEN_BRACKET) this.depth++;
      else if ((c === CLOSE_BRACE || c === CLOSE_BRACKET) && --this.depth === 0) {
        this.state = S.After;
        return i + 1;
      }
    }
    return to;
  }

  /** Reads on through a skipped element from p, byte by byte; returns where it ended or `to`. */
  private skipOn(buf: Buffer, p: number, to: number): number {
    if (this.skipToLineEnd) {
      const eol = nextNl(buf, p, to);
      if (eol === to) return to;
      this.state = S.After;
      return eol;
    }
    for (let i = p; i < to; i++) {
      const c = buf[i]!;
      // A compact export's element ends on its line.
      if (c === NL && this.compact) {
        this.cutExport();
        return i;
      }
      if (this.inText(c)) continue;
      if (c === OPEN_BRACE || c === OPEN_BRACKET) this.depth++;
      else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
        if (this.depth > 0) this.depth--;
        else if (c === CLOSE_BRACKET) {
          this.state = S.After;
          return i + 1;
        }
      } else if (c === COMMA && this.depth === 0) {
        this.state = S.Between;
        this.sep = true;
        return i + 1;
      }
    }
    return to;
  }
}

/**
 * Reads elements from p (between two elements, on line `line`) up to `to` as the sink would have them, and
 * returns where it stopped and the line there: at a `]`, at `to`, or at an element it leaves to the
 * splitter (unfinished, too long, or one it cannot read), which is then given to the sink as usual.
 */
export type ElementRun = (p: number, to: number, line: number) => { next: number; line: number };

/** Where the element starting at buf[s] ends before `to`: its delimiter's index, or -1 (see elementEnd). */
export type ElementEnd = (buf: Buffer, s: number, to: number) => number;
