/**
 * Untrusted text in the outputs the report tests do not cover: web addresses in the markdown report's prose,
 * the accounts file, `mxscan explain` of a custom catalog, JUnit XML and annotations, and the characters
 * that hide or reorder text (the Arabic letter mark, the soft hyphen, interlinear annotations, tag
 * characters) in all of them.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { marked } from 'marked';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMain, tempDir } from './support/cli.js';

// Escape sequences, C0/C1 controls but line breaks and tabs, bidirectional and zero-width characters, the
// soft hyphen, interlinear annotations, tag characters (written out again: the renderers' is
// src/render/escape.ts CONTROL).
const HIDDEN = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\xad\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb]|\u{e0001}|\u{e0041}/u;
const HIDDEN_BUT_ZWSP = new RegExp(HIDDEN.source.replace('\\u200b-\\u200f', '\\u200c-\\u200f'), 'u');

let dir: string;
beforeAll(() => {
  dir = tempDir('untrusted-more');
  // A JSON line whose time is no time but a phishing line (a file of it alone is not scanned with a window,
  // and the note quotes it).
  writeFileSync(path.join(dir, 'phish.jsonl'), JSON.stringify({ time: 'Sign in again at https://evil.example/m2c or www.evil.example', code: 'storage_error' }) + '\n');
  writeFileSync(path.join(dir, 'refs.jsonl'), JSON.stringify({ time: 'see octo-org/octo-repo#12, #3 and GH-4', code: 'storage_error' }) + '\n');
  // JSON lines whose account and message hide characters.
  writeFileSync(
    path.join(dir, 'events.jsonl'),
    [
      JSON.stringify({ time: '2026-04-07T09:14:01Z', code: 'storage_error', user: '\u001b]52;c;Y2hkdXp3cQ==\u0007x@corp.com' }),
      JSON.stringify({ time: '2026-04-07T09:14:02Z', code: 'smime_error', msg: 'ok \u061c\u00ad\ufff9\u{e0001}\u{e0041}\u202e done', user: 'ann@corp.com' }),
      '',
    ].join('\n'),
  );
  writeFileSync(
    path.join(dir, 'catalog.json'),
    JSON.stringify([{ module: 'm', code: 'evil_code', type: 't', level: 'ERROR', description: 'Desc \u001b]52;c;ZWNobyBwd25lZA==\u0007 \u202eend', action: 'Act \u001b[31mRED\u001b[0m\nnext' }]),
  );
  writeFileSync(path.join(dir, 'evil.log'), '2026-04-07T09:14:02Z ERROR evil_code\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('untrusted text in the other outputs', () => {
  it('markdown: a web address from a log is no link (a zero-width space after its `:` and its `www`)', async () => {
    const r = await runMain(['scan', 'phish.jsonl', 'events.jsonl', '--since', '2026-04-07T00:00Z', '--format', 'markdown'], { cwd: dir, json: false });
    // The time field that holds no time is quoted in the Scan section.
    expect(r.out).toMatch(/\*\*Not scanned:\*\* phish\.jsonl: no readable time in field time/);
    expect(r.out).toContain('https:\u200b//evil.example/m2c');
    expect(r.out).toContain('www\u200b.evil.exampl');
    const html = marked.parse(r.out, { async: false }) as string;
    expect(html).not.toMatch(/<a /);
  });

  it('markdown: an issue reference from a log is none (a zero-width space after its `#` and `GH-`)', async () => {
    // SUSPECTED BUG: `\\#12` is GitHub's `#12` once its escapes are read: a comment with the report linked
    // another repository's issue (and notified it).
    const r = await runMain(['scan', 'refs.jsonl', 'events.jsonl', '--since', '2026-04-07T00:00Z', '--format', 'markdown'], { cwd: dir, json: false });
    expect(r.out).toContain('octo-repo\\#\u200b12, \\#\u200b3 and GH-\u200b4');
    const prose = (marked.parse(r.out, { async: false }) as string).replace(/<code>[^]*?<\/code>/g, '');
    expect(prose).not.toMatch(/#\d|GH-\d/);
  });

  it('the accounts file: an account holds no escape sequence or hidden character', async () => {
    const r = await runMain(['scan', 'events.jsonl', '--accounts', 'accounts.csv', '--quiet'], { cwd: dir });
    expect(r.code).toBe(0);
    const csv = readFileSync(path.join(dir, 'accounts.csv'), 'utf8');
    expect(csv).not.toMatch(HIDDEN);
    // The OSC sequence is gone, the address is kept.
    expect(csv).toContain('storage_error,x@corp.com,1,');
  });

  it('explain: a custom catalog\'s text reaches the terminal with no escape sequence or bidi override', async () => {
    const r = await runMain(['explain', 'evil_code', '--catalog', 'catalog.json'], { cwd: dir, json: false });
    expect(r.code).toBe(0);
    expect(r.out).not.toMatch(HIDDEN);
    expect(r.out).toContain('Desc  end');
    expect(r.out).toContain('Act RED ⏎ next');
  });

  it('annotations: a custom catalog\'s description and action are one clean line', async () => {
    const r = await runMain(['scan', 'evil.log', '--catalog', 'catalog.json', '--github', '--quiet'], { cwd: dir, json: false, env: {} });
    const lines = r.err.split('\n').filter((l) => l.startsWith('::'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toMatch(HIDDEN_BUT_ZWSP);
    expect(lines[0]).toContain('Desc  end Suggested action: Act RED ⏎ next');
  });

  it('JUnit: no bidi, hidden or tag character of a log\'s in the evidence; JSON escapes them, the data unchanged', async () => {
    const r = await runMain(['scan', 'events.jsonl', '--fail-on', 'error', '--junit', 'junit.xml', '--quiet'], { cwd: dir });
    expect(r.code).toBe(1);
    const xml = readFileSync(path.join(dir, 'junit.xml'), 'utf8');
    expect(xml).not.toMatch(HIDDEN);
    expect(xml).toContain('ok  done');
    expect(r.out).not.toMatch(HIDDEN);
    for (const esc of ['\\u061c', '\\u00ad', '\\ufff9', '\\udb40\\udc01', '\\udb40\\udc41', '\\u202e']) expect(r.out).toContain(esc);
    expect(r.report.codes.find((c) => c.code === 'smime_error')!.samples[0]!.text).toContain('ok \u061c\u00ad\ufff9\u{e0001}\u{e0041}\u202e done');
  });
});
