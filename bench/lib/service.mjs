import { CODES, OTHER_CODES } from './catalog.mjs';
import { FORMS, LineMaker, TEXT_FORMS } from './events.mjs';
import { DayClock, iso } from './expect.mjs';
import { sortKeys, yamlEntry } from './pyyaml.mjs';
import { COMPONENTS, SNAKE_FIELDS } from './words.mjs';

/** @typedef {import('./rng.mjs').Rng} Rng */
/**
 * One record as written: its text (with its line ends), its time in ms (its own, or the one it
 * inherits), the distinct codes that count in it, whether some code word sits in it (rg's view),
 * whether it is a line that continues the record before it (plain text without a time of its own), and
 * whether it is a malformed record (a line of text among JSON lines).
 * @typedef {{ text: string, ms: number, codes: string[], mentions: boolean, continues?: boolean, malformed?: boolean }} Made
 */

const LEVEL_OF = new Map(CODES.map((c) => [c.code, c.level]));

/**
 * Makes the records of the service-log corpora — e-mail-dense text (b), key=value text (c), snake_case
 * JSON lines (d), CSV (e) and JSON array (f) — and never scans its own output: each method knows which
 * codes it placed and which of them count by the rules of its format.
 */
export class ServiceMaker {
  /**
   * @param {Rng} rng
   * @param {number} target the corpus size in bytes (the clock spans about a day at any size)
   * @param {number} bytesPerRecord about how long one record is
   */
  constructor(rng, target, bytesPerRecord) {
    this.rng = rng;
    this.lm = new LineMaker(rng);
    this.clock = new DayClock(rng, target, bytesPerRecord);
    /** A stack-trace line is due after this error line (plain text (b) only): its time, account and codes. */
    this.trace = /** @type {{ ms: number, account: string, codes: string[] } | null} */ (null);
    this.features = this.lm.features;
    Object.assign(this.features, { continuation: 0, continuationWithCode: 0, snakeField: 0, multiLine: 0, pretty: 0, nullCodeField: 0, jvmTraces: 0, jvmLines: 0, jvmCausedByCode: 0 });
    /** The lines of a JVM's uncaught exception still to write (d″), and the time of the event before them. */
    this.jvm = /** @type {{ text: string, codes: string[] }[]} */ ([]);
    this.jvmMs = 0;
  }

  /** n distinct snake_case `key=value` fields, space-separated. */
  snakeFields(/** @type {number} */ n) {
    const rng = this.rng;
    const start = rng.int(SNAKE_FIELDS.length);
    const out = [];
    for (let i = 0; i < n; i++) {
      const f = /** @type {typeof SNAKE_FIELDS[number]} */ (SNAKE_FIELDS[(start + i * 3) % SNAKE_FIELDS.length]);
      out.push(`${f.key}=${f.value(rng)}`);
    }
    this.features.snakeField += n;
    return out.join(' ');
  }

  /** A message with codes (about 30 %) or without, for a record of `forms`. */
  message(/** @type {readonly import('./events.mjs').Form[]} */ forms, /** @type {string} */ account) {
    if (!this.rng.chance(0.3)) return { msg: this.lm.quietMessage(account), codes: /** @type {string[]} */ ([]) };
    return this.lm.codeMessage(forms, account);
  }

  /** (b) A plain-text line with an e-mail account, a snake_case field on about 60 %, and stack-trace lines without a time. */
  mailLine() {
    const rng = this.rng;
    const lm = this.lm;
    if (this.trace !== null) {
      // A continuation of the error line before: no time of its own, so it is in that line's record (plain
      // text is read as events): a code the error line holds already does not count again.
      const { ms, account, codes } = this.trace;
      this.trace = null;
      this.features.continuation++;
      if (rng.chance(0.3)) {
        this.features.continuationWithCode++;
        const code = rng.pick(CODES).code;
        return made(`    caused by: mailbox ${account} rejected (${lm.spell(code)})\n`, ms, codes.includes(code) ? [] : [code], true, true);
      }
      return made(`    caused by: MailboxException: ${account} is over quota\n`, ms, [], false, true);
    }
    const ms = this.clock.tick();
    const comp = rng.pick(COMPONENTS);
    const account = rng.pick(lm.accounts);
    const { msg, codes } = this.message(TEXT_FORMS, account);
    const level = codes.length > 0 ? (LEVEL_OF.get(codes[0] ?? '') ?? 'ERROR') : 'INFO';
    const snake = rng.chance(0.6) ? `${this.snakeFields(1)} ` : '';
    const who = rng.pick([`user=${account} `, `mailbox=<${account}> `, `[${account}] `]);
    if (codes.length > 0 && rng.chance(0.25)) this.trace = { ms, account, codes };
    return made(`${iso(ms)} ${level.padEnd(5)} [${comp.thread}-${rng.int(16)}] ${comp.logger} ${snake}${who}${msg}\n`, ms, codes);
  }

  /** (c) A logfmt line: level, service, 3–4 snake_case fields, sometimes `error_code=`, and a quoted message. */
  kvLine() {
    const rng = this.rng;
    const lm = this.lm;
    const ms = this.clock.tick();
    const comp = rng.pick(COMPONENTS);
    const account = rng.pick(lm.accounts);
    let { msg, codes } = this.message(FORMS, account);
    let errorCode = '';
    const r = rng.int(100);
    if (r < 8) {
      // A code only in the error_code field: plain text, so it counts as any word does.
      const code = rng.pick(CODES).code;
      errorCode = ` error_code=${lm.spell(code)}`;
      codes = [...new Set([code, ...codes])];
    } else if (r < 9) {
      // An error_code the catalog does not know: an unknown code, never a count.
      errorCode = ` error_code=${rng.pick(OTHER_CODES)}`;
    }
    const level = codes.length > 0 ? (LEVEL_OF.get(codes[0] ?? '') ?? 'ERROR').toLowerCase() : 'info';
    const line = `${iso(ms)} level=${level} service=${comp.module} ${this.snakeFields(3 + rng.int(2))}${errorCode} msg="${msg.replaceAll('"', '\\"')}"\n`;
    return made(line, ms, codes);
  }

  /**
   * A structured event as a JS object (d, f): snake_case keys; `error_code` (d) or `code` (f) holds a
   * catalog code (the record's only code, whatever the message says), a code the catalog does not know
   * (nothing counts), null or nothing (the message's codes count by the plain-text rule).
   * @param {'error_code' | 'code'} codeKey
   * @returns {{ obj: Record<string, unknown>, ms: number, codes: string[], mentions: boolean }}
   */
  event(codeKey) {
    const rng = this.rng;
    const lm = this.lm;
    const ms = this.clock.tick();
    const comp = rng.pick(COMPONENTS);
    const account = rng.pick(lm.accounts);
    /** @type {Record<string, unknown>} */
    const obj = { timestamp: iso(ms), log_level: 'INFO', service_name: comp.module, request_id: rng.hex(12), tenant_id: `t${rng.int(5000)}`, retry_count: rng.int(6), duration_ms: rng.int(9000), account_email: account };
    const r = rng.int(1000);
    /** @type {string[]} */
    let codes = [];
    let mentions = true;
    if (r < 700) {
      obj.message = lm.quietMessage(account);
      mentions = false;
      if (rng.chance(0.1)) {
        this.features.nullCodeField++;
        obj[codeKey] = null;
      }
    } else if (r < 870) {
      const code = rng.pick(CODES).code;
      this.features.jsonCodeField++;
      obj.log_level = LEVEL_OF.get(code) ?? 'ERROR';
      obj[codeKey] = lm.spell(code);
      codes = [code];
      obj.message = rng.chance(0.6) ? lm.failure(account) : lm.codeMessage(FORMS, account).msg;
    } else if (r < 990) {
      const m = lm.codeMessage(FORMS, account);
      this.features.jsonCodeInMsgOnly++;
      obj.log_level = 'ERROR';
      obj.message = m.msg;
      codes = m.codes;
    } else {
      // A code field that is not in the catalog: an unknown code, and the record is read as text too.
      this.features.jsonUnknownCodeField++;
      obj.log_level = 'WARN';
      obj[codeKey] = rng.pick(OTHER_CODES);
      const m = lm.codeMessage(FORMS, account);
      obj.message = m.msg;
      codes = m.codes;
    }
    return { obj, ms, codes, mentions };
  }

  /** (d) One JSON line with snake_case keys. */
  snakeJsonLine() {
    const e = this.event('error_code');
    return { text: JSON.stringify(e.obj) + '\n', ms: e.ms, codes: e.codes, mentions: e.mentions };
  }

  /**
   * (d″) One JSON line with snake_case keys, or a line of the uncaught exception the JVM printed on stderr
   * after half the errors (`kubectl logs` gives both streams): `Exception in thread …`, 3–12 frames, on half
   * of them `Caused by:` naming a code and `... N more`. Each such line is a malformed record of its own, read
   * as text: a code its `Caused by:` names counts there again, at the time of the event before it (none of its own).
   */
  jvmLine() {
    const rng = this.rng;
    const next = this.jvm.shift();
    if (next !== undefined) {
      this.features.jvmLines++;
      return { ...made(next.text, this.jvmMs, next.codes), malformed: true };
    }
    const e = this.event('error_code');
    if (e.codes.length > 0 && rng.chance(0.5)) {
      this.features.jvmTraces++;
      this.jvmMs = e.ms;
      const account = rng.pick(this.lm.accounts);
      const frames = 3 + rng.int(10);
      const frame = () => ({ text: `\tat com.mxhero.m2c.${rng.pick(JVM_CLASSES)}.run(${rng.pick(JVM_CLASSES)}.java:${1 + rng.int(900)})\n`, codes: /** @type {string[]} */ ([]) });
      this.jvm.push({ text: `Exception in thread "sync-${rng.int(16)}" com.mxhero.m2c.StorageException: upload failed for ${account}\n`, codes: [] });
      for (let i = 0; i < frames; i++) this.jvm.push(frame());
      if (rng.chance(0.5)) {
        const code = rng.pick(CODES).code;
        this.features.jvmCausedByCode++;
        this.jvm.push({ text: `Caused by: java.io.IOException: ${this.lm.spell(code)} from the storage provider\n`, codes: [code] });
        this.jvm.push({ text: `\t... ${frames} more\n`, codes: [] });
      }
    }
    return { text: JSON.stringify(e.obj) + '\n', ms: e.ms, codes: e.codes, mentions: e.mentions };
  }

  /** (f) One element of a JSON array export: compact, or (about 10 %) pretty-printed over several lines. */
  arrayElement() {
    const e = this.event('code');
    let text = JSON.stringify(e.obj);
    if (this.rng.chance(0.1)) {
      this.features.pretty++;
      text = JSON.stringify(e.obj, null, 2).replaceAll('\n', '\n  ');
    }
    return { text: `  ${text}`, ms: e.ms, codes: e.codes, mentions: e.mentions };
  }

  /**
   * A YAML document as `gcloud logging read` prints a LogEntry (bench/lib/pyyaml.mjs): the event's fields
   * but its time and level in `jsonPayload`, `timestamp`, `severity`, the resource's labels; a long message
   * wrapped, and on about 5 % of the errors a JVM's frames in a `stack` field, a literal block (no code in them).
   */
  yamlDocument() {
    const { entry, e } = this.logEntry();
    return { text: yamlEntry(entry), ms: e.ms, codes: e.codes, mentions: e.mentions };
  }

  /**
   * (f″) One element of a JSON array as `gcloud logging read --format=json` prints it: the same LogEntry,
   * keys sorted, indented by two blanks a level (Python's json.dump with indent=2, sort_keys).
   */
  gcloudElement() {
    const { entry, e } = this.logEntry();
    const text = JSON.stringify(sortKeys(entry), null, 2).replaceAll('\n', '\n  ');
    return { text: `  ${text}`, ms: e.ms, codes: e.codes, mentions: e.mentions };
  }

  /** A LogEntry of an event (see yamlDocument). */
  logEntry() {
    const rng = this.rng;
    const e = this.event('code');
    const { timestamp, log_level: level, ...payload } = e.obj;
    if (level === 'ERROR' && rng.chance(0.05)) {
      this.features.multiLine++;
      payload.stack = `java.io.IOException: upload failed\n\tat com.mxhero.${payload.service_name}.Runner.run(Runner.java:${rng.int(900)})\n\tat java.base/java.lang.Thread.run(Thread.java:1583)`;
    }
    const pod = `m2c-${payload.service_name}-${rng.hex(4)}`;
    const entry = {
      insertId: rng.hex(16),
      jsonPayload: payload,
      logName: 'projects/m2c-prod/logs/stdout',
      receiveTimestamp: iso(e.ms + rng.int(900)),
      resource: { labels: { cluster_name: 'm2c-eu', container_name: 'worker', namespace_name: 'mail2cloud', pod_name: pod, project_id: 'm2c-prod' }, type: 'k8s_container' },
      severity: level === 'WARN' ? 'WARNING' : level,
      timestamp,
    };
    return { entry, e };
  }

  /** (e) One CSV row under CSV_HEADER: every text field quoted, some messages over several lines. */
  csvRow() {
    const e = this.event('code');
    const o = e.obj;
    let msg = String(o.message);
    if (this.rng.chance(0.05)) {
      this.features.multiLine++;
      msg += `\n    at com.mxhero.${o.service_name}.Runner.run(Runner.java:${this.rng.int(900)})\n    at java.base/java.lang.Thread.run(Thread.java:1583)`;
    }
    const code = o.code === undefined || o.code === null ? '' : String(o.code);
    const row = [o.timestamp, o.log_level, o.service_name, o.tenant_id, quote(String(o.account_email)), code, quote(msg)].join(',');
    return { text: row + '\n', ms: e.ms, codes: e.codes, mentions: e.mentions };
  }
}

/** Classes in a JVM's stack frames (no `_` word in them: nothing a code could be). */
const JVM_CLASSES = ['Uploader', 'BoxClient', 'SyncRunner', 'RuleEngine', 'SmimeSigner', 'MailboxReader', 'TaskQueue'];

/** The header of the CSV export: a time column and a code column. */
export const CSV_HEADER = 'timestamp,level,service_name,tenant_id,account,code,message\n';

/** A CSV field in quotes, its quotes doubled (RFC 4180). */
function quote(/** @type {string} */ s) {
  return `"${s.replaceAll('"', '""')}"`;
}

/**
 * A plain-text record: it mentions a code exactly when some code counts in it, unless told (a line that
 * continues the record before it, `continues`, may name a code that record counted already).
 */
function made(/** @type {string} */ text, /** @type {number} */ ms, /** @type {string[]} */ codes, mentions = codes.length > 0, continues = false) {
  return { text, ms, codes, mentions, continues };
}

