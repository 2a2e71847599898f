/**
 * Untrusted text in output: log lines, unknown codes, accounts and file names are written by whoever wrote
 * the logs. The markdown report must show them as text (code spans, `|` escaped as `\|` in tables, control
 * characters and ANSI/OSC sequences removed, newlines as ⏎), the JSON report must escape what a terminal or
 * editor could act on, and stderr must stay one clean line per problem. (A closed pipe and `--out`:
 * untrusted-output-bin.test.ts.)
 *
 * The markdown is rendered with `marked`, which passes raw HTML through: any element in its HTML that is
 * not one the report itself writes came from a log.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { marked } from 'marked';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, problemLines, runMain, stackTraceLines, tempDir } from './support/cli.js';

const HOSTILE = ['fixtures/bad/hostile.log', 'fixtures/bad/hostile.jsonl', 'fixtures/bad/hostile.csv'];

/** The lines of fixtures/bad/hostile.log as written (raw bytes as UTF-8 text). */
const hostileLines = (): string[] => readFileSync(path.join(ROOT, 'fixtures/bad/hostile.log'), 'utf8').split('\n').slice(0, -1);

/**
 * What each line of hostile.log must look like once cleaned for display, worked out by hand: ESC/CSI/OSC
 * sequences, C0/C1 controls, DEL, bidi controls and line separators removed (the spaces around them stay).
 */
const CLEANED: Record<number, string> = {
  10: '2026-03-18T08:00:10Z WARN STORAGE_USER_WITH_ERROR ansi RED and  clear',
  11: '2026-03-18T08:00:11Z WARN web_hook_removed_by_move_conflict osc link end',
  12: '2026-03-18T08:00:12Z WARN accounts_and_groups_source_sync_warning bidi evil.exe gpj.txt iso',
  14: '2026-03-18T08:00:14Z INFO web_hook_moved c1  nel  csi8  del  bs  ls',
};

/** Tags and attributes the report itself writes (headings, tables, lists, task boxes, the mermaid block). */
const OWN_TAGS = new Set(['h1', 'h2', 'p', 'strong', 'em', 'sub', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'code', 'pre', 'ul', 'li', 'input', 'blockquote', 'br']);
const OWN_ATTRIBUTES = new Set(['', 'align="right"', 'align="left"', 'align="center"', 'class="language-mermaid"', 'disabled="" type="checkbox"', 'checked="" disabled="" type="checkbox"']);

const toHtml = (md: string): string => marked.parse(md, { async: false }) as string;

/** Every tag of the HTML as [name, attributes]. Text inside <code> is escaped by marked, so only real tags match. */
const tagsOf = (html: string): [string, string][] => [...html.matchAll(/<\/?([a-zA-Z][\w-]*)([^>]*)>/g)].map((m) => [m[1]!.toLowerCase(), m[2]!.trim()]);

/** HTML as marked escapes code span text. */
const escapeHtml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/** Cells of a GFM table row: split on `|` not escaped by an odd number of backslashes (as cmark-gfm and marked do). */
function cellCount(row: string): number {
  let s = row.trim();
  let cells = 1;
  for (let i = 0; i < s.length; i++) {
    if (s[i] !== '|') continue;
    let bs = 0;
    for (let j = i - 1; j >= 0 && s[j] === '\\'; j--) bs++;
    if (bs % 2 === 0) cells++;
  }
  // The leading and trailing pipes open and close the row.
  if (s.startsWith('|')) cells--;
  s = s.replace(/\s+$/, '');
  if (s.endsWith('|') && !s.endsWith('\\|')) cells--;
  return cells;
}

/** Tables of a markdown text: [header line, rows[]]. */
function tables(md: string): { header: string; rows: string[] }[] {
  const lines = md.split('\n');
  const out: { header: string; rows: string[] }[] = [];
  for (let i = 0; i + 1 < lines.length; i++) {
    if (!lines[i]!.startsWith('|') || !/^\|(\s*:?-{3,}:?\s*\|)+\s*$/.test(lines[i + 1]!)) continue;
    const rows: string[] = [];
    let j = i + 2;
    while (j < lines.length && lines[j]!.startsWith('|')) rows.push(lines[j++]!);
    out.push({ header: lines[i]!, rows });
    i = j - 1;
  }
  return out;
}

// Raw characters a terminal or renderer could act on: C0 but \n, DEL, C1, zero-width, bidi, separators, BOM.
// U+200B is left out: the report puts one after an @ in its own (catalog) text to stop mentions.
const RISKY_MD = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u200c-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/u;
const RISKY_JSON = /[\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/u;
const RISKY_TERMINAL = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/u;

async function markdownOf(inputs: string[], cwd = ROOT): Promise<string> {
  const r = await runMain(['scan', ...inputs, '-j', '1', '--quiet'], { cwd, json: false });
  expect(stackTraceLines(r.err)).toEqual([]);
  return r.out;
}

/** The checks every rendered report must pass, whatever went into it. */
function expectSafeMarkdown(md: string): void {
  // No raw escape or control characters.
  const risky = md.match(RISKY_MD);
  expect(risky, risky === null ? '' : `U+${risky[0].codePointAt(0)!.toString(16).padStart(4, '0')} in the markdown`).toBeNull();
  // Only the report's own elements in the HTML.
  const html = toHtml(md);
  for (const [tag, attrs] of tagsOf(html)) {
    expect(OWN_TAGS.has(tag), `<${tag} ${attrs}> in the HTML`).toBe(true);
    expect(OWN_ATTRIBUTES.has(attrs), `<${tag} ${attrs}> in the HTML`).toBe(true);
  }
  expect(html).not.toContain('<!--');
  expect(html).not.toMatch(/<(script|img|a|style|details|iframe|svg)\b/i);
  expect(html).not.toMatch(/<[^>]*\son\w+\s*=/i);
  // Every table row has as many cells as its header.
  for (const t of tables(md)) for (const row of t.rows) expect(cellCount(row), `${row}\n(header: ${t.header})`).toBe(cellCount(t.header));
  // No mention or issue reference outside code spans (GitHub links them in text, never in code).
  const text = html.replace(/<code[^>]*>[\s\S]*?<\/code>/g, '');
  expect(text).not.toMatch(/@(team|octocat)\b/);
  expect(text).not.toMatch(/#(123|456)\b/);
  // No line that a CI runner could read as a workflow command.
  expect(md.split('\n').filter((l) => l.startsWith('::'))).toEqual([]);
}

describe('markdown report of hostile log text', () => {
  it('fixtures/bad/hostile.log: every line counted, each shown cleaned inside a code span', async () => {
    const md = await markdownOf(['fixtures/bad/hostile.log']);
    expectSafeMarkdown(md);
    const html = toHtml(md);
    const lines = hostileLines();
    expect(lines).toHaveLength(15);
    lines.forEach((line, i) => {
      const shown = CLEANED[i + 1] ?? line;
      expect(html, `line ${i + 1}`).toContain(`<code>${escapeHtml(shown)}</code>`);
    });
  });

  it('fixtures/bad/hostile.log: the HTML has no <script>, <img>, javascript: link or comment', async () => {
    const html = toHtml(await markdownOf(['fixtures/bad/hostile.log']));
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img/i);
    expect(html).not.toMatch(/<a\s[^>]*href\s*=\s*["']?\s*javascript:/i);
    expect(html).not.toContain('<!--');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&lt;!-- unclosed comment');
  });

  it('fixtures/bad/hostile.jsonl: unknown codes and accounts from JSON fields stay inside their cells', async () => {
    // SUSPECTED BUG: an unknown code or account holding `\|` becomes `\\|` in a table cell: GFM reads `\\`
    // as an escaped backslash and the `|` as a cell border, the code span falls apart and the <img> after it
    // is raw HTML.
    expectSafeMarkdown(await markdownOf(['fixtures/bad/hostile.jsonl']));
  });

  it('fixtures/bad/hostile.csv: a multi-line quoted field is one line with ⏎, an unknown code stays in its cell', async () => {
    const md = await markdownOf(['fixtures/bad/hostile.csv']);
    expect(md).toContain('`2026-03-18T08:02:01Z,storage_error,"line one ⏎ <script>alert(1)</script> | x | red"`');
    expectSafeMarkdown(md);
  });

  it('the three hostile fixtures together (one report, every section)', async () => {
    expectSafeMarkdown(await markdownOf(HOSTILE));
  });

  describe('hostile file names, given by name (as a shell glob expands them)', () => {
    let dir: string;
    const names = [
      'a|b`c<img src=x onerror=alert(1)>.log',
      'x\\|<img src=q onerror=alert(4)>\\|y.log',
      '\u001b[31mred\nline\u202e.log',
      '@team #123 [l](javascript:alert(5)).log',
      '<!-- c.log',
    ];
    beforeAll(() => {
      dir = tempDir('names');
      for (const n of names) writeFileSync(path.join(dir, n), '2026-03-18T08:00:00Z storage_error\n');
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('are read and shown as text in the Files table, Start here and Evidence', async () => {
      const r = await runMain(['scan', ...names, '-j', '1', '--quiet'], { cwd: dir, json: false });
      expect(r.code, r.err).toBe(0);
      expectSafeMarkdown(r.out);
    });

    it('show in the evidence as they are named (a `|` outside a table is not escaped)', async () => {
      // SUSPECTED BUG (minor): `file:line` in "Start here" and Evidence is a code span made for a table,
      // so `a|b…` shows as `a\|b…` there.
      const r = await runMain(['scan', names[0]!, '-j', '1', '--quiet'], { cwd: dir, json: false });
      const html = toHtml(r.out);
      expect(html).toContain(`<code>${escapeHtml(names[0]!)}:1</code>`);
    });
  });
});

describe('JSON report of hostile log text', () => {
  it('escapes U+007F–U+009F, bidi and zero-width controls and separators; the data is unchanged', async () => {
    const r = await runMain(['scan', ...HOSTILE, '-j', '1', '--quiet']);
    expect(r.code).toBe(0);
    const risky = r.out.match(RISKY_JSON);
    expect(risky, risky === null ? '' : `U+${risky[0].codePointAt(0)!.toString(16)} raw in the JSON`).toBeNull();
    expect(r.out).not.toMatch(/[\x00-\x09\x0b-\x1f]/);
    expect(r.out).toContain('\\u202e');
    expect(r.out).toContain('\\u0085');
    expect(r.out).toContain('\\u009b');
    expect(r.out).toContain('\\u007f');
    expect(r.out).toContain('\\u2028');
    // Escaped, not removed: the samples are the lines as written — but for their ANSI escape sequences, which
    // plain text sheds on the way in (README "Formats"): lines 10 and 11 as a terminal shows them.
    const lines = hostileLines();
    const sample = (code: string): string => r.report.codes.find((c) => c.code === code)!.samples.find((s) => s.file === HOSTILE[0])!.text;
    expect(sample('STORAGE_USER_WITH_ERROR')).toBe(CLEANED[10]);
    expect(sample('web_hook_removed_by_move_conflict')).toBe(CLEANED[11]);
    expect(sample('accounts_and_groups_source_sync_warning')).toBe(lines[11]);
    expect(sample('web_hook_moved')).toBe(lines[13]);
    expect(r.report.unknownCodes.map((u) => u.code)).toContain('<script>alert(1)</script>');
  });
});

describe('GitHub output of hostile log text', () => {
  it('with --github, every line that starts with :: is one of mxscan\'s own commands', async () => {
    const r = await runMain(['scan', ...HOSTILE, '-j', '1', '--quiet', '--github'], { json: false, env: {} });
    // Annotations go to stderr; stdout is the report, wrapped in ::stop-commands:: only if a line of it would
    // read as a command.
    const annotations = r.err.split('\n').filter((l) => l.startsWith('::'));
    expect(annotations.length).toBeGreaterThan(0);
    for (const l of annotations) expect(l, l).toMatch(/^::(error|warning|notice) (file=[^,]*,line=\d+,)?title=[^:]*::.*$/);
    const commands = r.out.split('\n').filter((l) => /^\s*(::|##\[)/.test(l));
    const token = /^::stop-commands::(\w+)$/.exec(commands[0] ?? '')?.[1];
    for (const l of commands) expect(l, l).toMatch(new RegExp(`^::(stop-commands::${token}|${token}::)$`));
    // The log's own "::error::" line is never a command of its own.
    expect(r.out + r.err).not.toMatch(/^\s*::error::/m);
  });
});

describe('stderr with hostile names', () => {
  let dir: string;
  const binName = '\u001b]8;;evil\u0007bin\u202e\nname.log';
  const missing = '\u001b[2Jgone\u009b31m.log';
  beforeAll(() => {
    dir = tempDir('stderr');
    writeFileSync(path.join(dir, binName), Buffer.from('storage_error\u0000\u0001binary\n'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('one clean line per problem: no escape sequence, control or bidi character, no line break from a name', async () => {
    const r = await runMain(['scan', binName, missing, '-j', '1'], { cwd: dir, json: false });
    expect(r.code).toBe(2);
    expect(stackTraceLines(r.err)).toEqual([]);
    const problems = problemLines(r.err);
    // nothing could be scanned: a line per input, then one saying so
    expect(problems, r.err).toHaveLength(3);
    expect(problems.filter((l) => l.startsWith('mxscan: skipped '))).toHaveLength(1);
    expect(problems.filter((l) => l.startsWith('mxscan: cannot read '))).toHaveLength(1);
    expect(problems[2]).toBe('mxscan: nothing was scanned: every input was binary or could not be read');
    expect(r.err).not.toMatch(RISKY_TERMINAL);
  });

  it('a bad catalog: the one stderr line carries no raw C1, bidi or escape character from the file', async () => {
    // SUSPECTED BUG: ScanError messages go to stderr as they are; the level is quoted with JSON.stringify,
    // which leaves U+009B (8-bit CSI) and U+202E raw.
    const cat = path.join(dir, 'catalog.json');
    writeFileSync(cat, JSON.stringify([{ module: 'm', code: 'a_b', type: 't', level: '\u009b2J\u202eLORRE', description: 'd', action: 'a' }]));
    const r = await runMain(['scan', binName, '--catalog', 'catalog.json'], { cwd: dir, json: false });
    expect(r.code).toBe(2);
    expect(r.err.split('\n').filter((l) => l !== '')).toHaveLength(1);
    expect(r.err).toContain('catalog.json');
    expect(r.err).not.toMatch(RISKY_TERMINAL);
  });

  it('a catalog path with an OSC sequence: the one stderr line is clean', async () => {
    // SUSPECTED BUG: the path is echoed raw ("cannot read catalog <ESC>]8;;http://evil<BEL>.json").
    const r = await runMain(['scan', binName, '--catalog', '\u001b]8;;http://evil\u0007.json'], { cwd: dir, json: false });
    expect(r.code).toBe(2);
    expect(r.err.split('\n').filter((l) => l !== '')).toHaveLength(1);
    expect(r.err).not.toMatch(RISKY_TERMINAL);
  });
});
