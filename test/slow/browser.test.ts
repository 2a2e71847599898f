/**
 * The HTML report in a real browser: headless Chromium (Debian's `chromium` package; .ci/run installs it)
 * renders the report of the incident fixture and of a hostile fixture, as they are and under a Content
 * Security Policy like Jenkins' (`default-src 'none'; img-src 'self'; style-src 'self'`, which also drops the
 * page's own <style>). Checked: the screenshot is not blank and shows the red ERROR bars, the SVG has the bars
 * counted by hand, nothing is logged on the console, and no request leaves the file (Chromium's net log).
 * Driven by Chromium's own flags (--screenshot, --dump-dom, --enable-logging, --log-net-log): no dependency.
 * Slow (a browser start per page, ~3 s each): run by `npm run test:slow` (MXSCAN_SLOW=1), which CI runs.
 * Without a browser the test says so and is skipped, except in CI (CI=true), where it must run.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { renderHtml } from '../../src/render/html.js';
import { countColour, decodePng } from '../support/png.js';
import { ROOT, scanJson } from '../support/postmortem-cli.js';

const dir = mkdtempSync(path.join(tmpdir(), 'mxscan-browser-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const CSP = `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src 'self'; style-src 'self'">`;

interface Rendered {
  /** The DOM after loading, as Chromium serializes it. */
  readonly dom: string;
  /** Console messages Chromium logged for the page. */
  readonly console: string[];
  /** URLs the page asked for (the browser's own background requests left out). */
  readonly requests: string[];
  readonly png: Buffer;
}

let runs = 0;
/** Loads an HTML file in a fresh headless Chromium and collects what it did. */
function render(browser: string, html: string): Promise<Rendered> {
  const n = runs++;
  const file = path.join(dir, `page-${n}.html`);
  const png = path.join(dir, `shot-${n}.png`);
  const net = path.join(dir, `net-${n}.json`);
  writeFileSync(file, html);
  const args = [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--no-first-run',
    '--disable-background-networking',
    `--user-data-dir=${path.join(dir, `profile-${n}`)}`,
    // Nothing resolves: a request that tried to leave could not reach anything, and the net log still shows it.
    '--host-resolver-rules=MAP * ~NOTFOUND',
    '--window-size=1000,1400',
    `--screenshot=${png}`,
    `--log-net-log=${net}`,
    '--enable-logging=stderr',
    '--v=0',
    '--dump-dom',
    pathToFileURL(file).href,
  ];
  return new Promise((resolve, reject) => {
    execFile(browser, args, { timeout: 60_000, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err !== null) return reject(new Error(`${browser} failed: ${err.message}\n${stderr}`));
      const consoleLines = stderr.split('\n').filter((l) => l.includes(':CONSOLE'));
      resolve({ dom: stdout, console: consoleLines, requests: pageRequests(readFileSync(net, 'utf8')), png: readFileSync(png) });
    });
  });
}

/** Requests started by the page: the browser's own (update checks and the like) have no origin. */
function pageRequests(netLog: string): string[] {
  const log = JSON.parse(netLog.trimEnd().replace(/,?\s*$/, '').replace(/\]?\s*\}?$/, ']}')) as {
    constants: { logEventTypes: Record<string, number> };
    events: { type: number; params?: { url?: string; initiator?: string } }[];
  };
  const start = log.constants.logEventTypes['URL_REQUEST_START_JOB'];
  return log.events.filter((e) => e.type === start && e.params?.url !== undefined && e.params.initiator !== 'not an origin').map((e) => e.params!.url!);
}

/** A browser that starts, or null: `chromium` (Debian), or CHROMIUM_PATH. */
async function findBrowser(): Promise<string | null> {
  for (const candidate of [process.env['CHROMIUM_PATH'], 'chromium', 'chromium-browser'].filter((c): c is string => c !== undefined && c !== '')) {
    const ok = await new Promise<boolean>((resolve) => execFile(candidate, ['--version'], { timeout: 30_000 }, (err) => resolve(err === null)));
    if (ok) return candidate;
  }
  return null;
}

const SLOW = process.env['MXSCAN_SLOW'] === '1';
const browser = SLOW ? await findBrowser() : null;
const inCi = process.env['CI'] === 'true';
if (SLOW && browser === null && !inCi) console.warn('browser test skipped: no Chromium could be started (install Debian\'s chromium, or set CHROMIUM_PATH)');

const bars = (dom: string): number => dom.match(/<rect class="bar"/g)?.length ?? 0;
const RED: [number, number, number] = [0xcf, 0x22, 0x2e];
/** Pixels that are not (near) white: a blank page has none. */
const inked = (png: Buffer): number => {
  const img = decodePng(png);
  return img.width * img.height - countColour(img, [255, 255, 255], 8);
};

describe.skipIf(!SLOW || (browser === null && !inCi))('the HTML report in headless Chromium', () => {
  it('finds a browser (CI must have one: .ci/run installs chromium)', () => {
    expect(browser, 'no Chromium could be started').not.toBeNull();
  });

  it('sees what a page logs and asks for (a control page with a script and a remote image)', async () => {
    const r = await render(browser!, '<!DOCTYPE html><html><body><p>control</p><script>console.error("control")</script><img src="http://mxscan.invalid/x.png"></body></html>');
    expect(r.console.join('\n')).toContain('"control"');
    expect(r.requests).toEqual(['http://mxscan.invalid/x.png']);
  });

  // Hand counts: the incident's 21 five-minute buckets hold ERROR in 18, WARN in 11 and INFO in 11 (see
  // html-report.test.ts): 40 bars. fixtures/bad/hostile.log: 15 lines within one minute, 9 ERROR, 3 WARN and 3 INFO
  // codes: one bucket, 3 bars.
  const pages: [string, string, number][] = [
    ['the incident fixture', 'fixtures/incident', 40],
    ['a hostile fixture', 'fixtures/bad/hostile.log', 3],
  ];
  for (const [what, input, expected] of pages) {
    it(`renders ${what}: not blank, ${expected} bars, no console message, no request`, async () => {
      const { report } = await scanJson([input], { cwd: ROOT });
      const r = await render(browser!, renderHtml(report));
      expect(bars(r.dom)).toBe(expected);
      expect(r.console).toEqual([]);
      expect(r.requests).toEqual([]);
      expect(inked(r.png)).toBeGreaterThan(20_000);
      expect(countColour(decodePng(r.png), RED)).toBeGreaterThan(200);
      // Nothing from the log became an element: the hostile lines' tags are text.
      expect(r.dom).not.toMatch(/<(script|img|a href="javascript|details|style>body)/i);
    });

    it(`renders ${what} under Jenkins' Content Security Policy: the <style> is refused, the charts keep their colours`, async () => {
      const { report } = await scanJson([input], { cwd: ROOT });
      const r = await render(browser!, renderHtml(report).replace('<head>', `<head>\n${CSP}`));
      expect(bars(r.dom)).toBe(expected);
      // The one message is the refusal of the page's own <style>: nothing else was blocked or failed, and
      // the page was drawn without its style sheet.
      expect(r.console).toHaveLength(1);
      expect(r.console[0]).toContain("Applying inline style violates the following Content Security Policy directive 'style-src 'self''");
      expect(r.requests).toEqual([]);
      expect(inked(r.png)).toBeGreaterThan(20_000);
      expect(countColour(decodePng(r.png), RED)).toBeGreaterThan(200);
    });
  }
});
