import { BY_KEY, CODES, NEAR_MISSES, OTHER_CODES } from './catalog.mjs';
import { COMPONENTS, DOMAINS, FAILURES, FIRST, FOLDERS, LAST, PROVIDERS, SUBJECTS } from './words.mjs';

/** @typedef {import('./rng.mjs').Rng} Rng */
/** @typedef {(w: string, x: string) => string} Form */

const LEVEL_OF = new Map(CODES.map((c) => [c.code, c.level]));

/**
 * Where a code sits in a message. `w` is the code as written, `x` the rest of the message. Every form puts
 * a non-word character (or the line's end) on both sides of the code, so the code counts.
 * @type {readonly Form[]}
 */
export const FORMS = [
  (w, x) => `code=${w} ${x}`,
  (w, x) => `[${w}] ${x}`,
  (w, x) => `notification "${w}" raised: ${x}`,
  (w, x) => `${w}: ${x}`,
  (w, x) => `${x} (${w})`,
  (w, x) => `${x}, see https://notify.mxhero.com/v2/events/${w}?tenant=7`,
  (w, x) => `error_code: ${w}, ${x}`,
  (w, x) => `${x} reason=${w}`,
];
/**
 * Forms for plain text, with one more: a tab on both sides. Not in JSON, where a tab is written `\t`
 * and the `t` before the code is a word character.
 * @type {readonly Form[]}
 */
export const TEXT_FORMS = [...FORMS, (w, x) => `\t${w}\t${x}`];

/**
 * Makes the corpus lines of one seed and keeps the expected tally of what it placed: per code, the
 * number of lines (records) in which it counts. It never scans its own output.
 */
export class LineMaker {
  /** @param {Rng} rng */
  constructor(rng) {
    this.rng = rng;
    this.ms = Date.UTC(2026, 2, 18, 0, 0, 0);
    this.second = -1;
    this.prefix = '';
    /** @type {string[]} */
    this.accounts = [];
    for (let i = 0; i < 4000; i++) this.accounts.push(`${rng.pick(FIRST)}.${rng.pick(LAST)}${i % 7 === 0 ? i : ''}@${rng.pick(DOMAINS)}`);
    /** Lines in which each code counts, keyed by catalog spelling. */
    this.counts = new Map(CODES.map((c) => [c.code, 0]));
    /** Lines holding some code as a whole word, counted or not (what `rg -c -w` reports). */
    this.mentionLines = 0;
    /** How often each tricky case was produced, so a test can check the corpus really has them. */
    this.features = { upperCase: 0, twoCodes: 0, sameCodeTwice: 0, nearMisses: 0, nonAscii: 0, jsonCodeField: 0, jsonCodeFieldCodeInMsg: 0, jsonCodeInMsgOnly: 0, jsonUnknownCodeField: 0 };
  }

  /** The next ISO-8601 time; the clock moves 0–39 ms per line. */
  time() {
    this.ms += this.rng.int(40);
    const s = Math.floor(this.ms / 1000);
    if (s !== this.second) {
      this.second = s;
      this.prefix = new Date(s * 1000).toISOString().slice(0, 20);
    }
    return this.prefix + String(this.ms % 1000).padStart(3, '0') + 'Z';
  }

  /** A code as a log would write it: mostly lower case, often upper case, sometimes mixed. */
  spell(/** @type {string} */ code) {
    const r = this.rng.int(100);
    if (r < 55) return code.toLowerCase();
    if (r < 80) {
      this.features.upperCase++;
      return code.toUpperCase();
    }
    if (r < 90) return code.toLowerCase().replace(/(^|_)([a-z])/g, (_m, sep, ch) => sep + ch.toUpperCase());
    let s = '';
    for (const ch of code) s += this.rng.chance(0.5) ? ch.toUpperCase() : ch.toLowerCase();
    return s;
  }

  /** A message that holds no code; sometimes a near-miss word or a non-ASCII subject. */
  quietMessage(/** @type {string} */ account) {
    const rng = this.rng;
    const n = rng.int(5000);
    let msg;
    switch (rng.int(8)) {
      case 0: msg = `synced ${n % 300} messages for ${account} in ${n} ms`; break;
      case 1: msg = `uploaded ${rng.hex(8)}.eml (${n} KB) to ${rng.pick(PROVIDERS)}:/${rng.pick(FOLDERS)}`; break;
      case 2: msg = `GET https://api.mxhero.com/v1/tasks/${n} 200 ${n % 900}ms`; break;
      case 3: msg = `webhook ${rng.hex(8)} folder=${rng.pick(FOLDERS)} unchanged`; break;
      case 4: msg = `sync page ${n % 40}/40: ${n} accounts, ${n % 97} groups`; break;
      case 5: msg = `rule ${n} matched <${rng.hex(10)}@${rng.pick(DOMAINS)}> action=store`; break;
      case 6: msg = `token refreshed for ${account} (${rng.pick(PROVIDERS)})`; break;
      default: msg = `indexed ${n % 64} chunks for ${account} in ${n}ms`;
    }
    if (rng.chance(0.02)) {
      this.features.nonAscii++;
      msg += ` subject="${rng.pick(SUBJECTS)}"`;
    }
    return msg + this.maybeNearMiss(0.05);
  }

  /** With probability p, a near-miss word (` storage_error_count=3`, ` [xsmime_error]`) to append; else ''. */
  maybeNearMiss(/** @type {number} */ p) {
    if (!this.rng.chance(p)) return '';
    this.features.nearMisses++;
    return this.rng.chance(0.5) ? ` ${this.rng.pick(NEAR_MISSES)}=${this.rng.int(9)}` : ` [${this.rng.pick(NEAR_MISSES)}]`;
  }

  /** The failure text around a code. */
  failure(/** @type {string} */ account) {
    return this.rng.pick(FAILURES).replace('{a}', account).replace('{n}', String(this.rng.int(100000)));
  }

  /**
   * A message holding one code, two distinct codes, or one code twice, in the given forms; returns the
   * message and the distinct codes (catalog spelling) it holds.
   * @param {readonly Form[]} forms
   * @param {string} account
   * @returns {{ msg: string, codes: string[] }}
   */
  codeMessage(forms, account) {
    const rng = this.rng;
    const code = rng.pick(CODES).code;
    let msg = rng.pick(forms)(this.spell(code), this.failure(account));
    const codes = [code];
    const r = rng.int(100);
    if (r < 8) {
      const other = rng.pick(CODES).code;
      if (other !== code) {
        this.features.twoCodes++;
        codes.push(other);
      } else this.features.sameCodeTwice++;
      msg = `${msg}; then ${rng.pick(forms)(this.spell(other), 'escalated')}`;
    } else if (r < 16) {
      this.features.sameCodeTwice++;
      msg = `${msg} (previous=${this.spell(code)})`;
    }
    return { msg: msg + this.maybeNearMiss(0.03), codes };
  }

  /** Adds the codes of one record to the expected tally. */
  count(/** @type {readonly string[]} */ codes) {
    for (const c of codes) this.counts.set(c, (this.counts.get(c) ?? 0) + 1);
  }

  /** One plain-text log line, without its newline; about 30 % hold a code. */
  textLine() {
    const rng = this.rng;
    const comp = rng.pick(COMPONENTS);
    const account = rng.pick(this.accounts);
    const head = `${this.time()} `;
    const tail = ` [${comp.thread}-${rng.int(16)}] ${comp.logger} req=${rng.hex(12)} `;
    if (!rng.chance(0.3)) return `${head}${rng.chance(0.9) ? 'INFO ' : 'DEBUG'}${tail}${this.quietMessage(account)}`;
    const { msg, codes } = this.codeMessage(TEXT_FORMS, account);
    this.count(codes);
    this.mentionLines++;
    const level = LEVEL_OF.get(codes[0] ?? '') ?? 'ERROR';
    return `${head}${level.padEnd(5)}${tail}${rng.chance(0.5) ? `account=${account} ` : ''}${msg}`;
  }

  /** One JSON-lines record, without its newline; the `code` field, when it holds a catalog code, is the record's only code. */
  jsonLine() {
    const rng = this.rng;
    const account = rng.pick(this.accounts);
    const comp = rng.pick(COMPONENTS);
    let codeField = '';
    let msg;
    const r = rng.int(1000);
    if (r < 700) {
      msg = this.quietMessage(account);
    } else if (r < 870) {
      // A code field; the message says nothing more, names the same code again, or names other codes,
      // which do not count: the field wins.
      const code = rng.pick(CODES).code;
      codeField = this.spell(code);
      this.features.jsonCodeField++;
      this.count([code]);
      this.mentionLines++;
      const s = rng.int(100);
      if (s < 60) msg = this.failure(account);
      else if (s < 75) msg = rng.pick(FORMS)(this.spell(code), this.failure(account));
      else {
        this.features.jsonCodeFieldCodeInMsg++;
        msg = this.codeMessage(FORMS, account).msg;
      }
    } else if (r < 990) {
      // No code field: the codes in the message count by the plain-text rule.
      const m = this.codeMessage(FORMS, account);
      this.features.jsonCodeInMsgOnly++;
      this.count(m.codes);
      this.mentionLines++;
      msg = m.msg;
    } else {
      // A code field that is not in the catalog: an unknown code, and the line is read as text too (the
      // catalog codes in the message count).
      this.features.jsonUnknownCodeField++;
      codeField = rng.pick(OTHER_CODES);
      const m = this.codeMessage(FORMS, account);
      this.count(m.codes);
      msg = m.msg;
      this.mentionLines++;
    }
    const level = codeField === '' ? (rng.chance(0.9) ? 'INFO' : 'DEBUG') : BY_KEY.has(codeField.toLowerCase()) ? 'ERROR' : 'WARN';
    const codePart = codeField === '' ? '' : `"code":"${codeField}",`;
    return `{"time":"${this.time()}","level":"${level}","component":"${comp.module}","request_id":"${rng.hex(12)}",${codePart}"account":"${account}","msg":"${msg.replaceAll('"', '\\"')}"}`;
  }
}
