/**
 * Stack traces under a collector's time and containers' lines interleaved (README "What counts", plain text):
 * the byte scanner gives the reference report (test/oracle), with a window or without, whatever the chunks.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TimeWindow } from '../src/summary/window.js';
import { chunked, defaultMatcher, fastTally, referenceTally, report } from './support/engines.js';

const chunkSizes = fc.array(fc.integer({ min: 1, max: 700 }), { minLength: 1, maxLength: 8 });

describe('stack traces under a collector’s time (kubectl --timestamps, CRI, the journal, heroku logs)', () => {
  const m = defaultMatcher();
  // Lines a second apart or less, or minutes: a trace's lines carry on its record only when written with it.
  const GAPS = [0, 0.001, 0.2, 0.999, 1, 1.5, 300];
  // And words that are no collector's head (logfmt's, a level's), told 16 bytes at a time: `=`, `[`, `/`, a
  // tab, a capital before or after a host's bytes, a word longer than 16 bytes.
  const PREFIXES = ['', ' stdout F', ' mx1 java[2211]:', ' mx1 m2c:', ' app[web.1]:', ' heroku[router]:', ' m2c/worker/1a', ' 2026/04/07/[$LATEST]0a1b', ' level=info', ' lvl=warn a/b', ' a=b/c', ' x[1]=y', ' mx1.example-2.net m2c[12]:', ' host-1 tag:', ' lvl\tx', ' mx1Z java[2211]:', ' abcdefghijklmnopqrst/uv', ' abcdefghijklmnopqrstu'];
  // A collector's source before its time, per line (they interleave): kubectl --prefix, docker compose logs.
  const SOURCES = ['', '', '[pod/m2c-7d9f/m2c] ', '[pod/web-5c2/web] ', 'm2c-1  | ', 'web-1  | '];
  const BODIES = ['\tat c.e.App.run(App.java:12)', 'Caused by: java.io.IOException: storage_error', '\tSuppressed: smime_error x', '\t... 3 more', '    at f (/app/x.js:1:1)', '  File "/app/x.py", line 3', ' ---> System.IO.IOException: web_hook_moved', '#011at c.e.App.run(App.java:12)', 'java.io.IOException: storage_error quota', 'Error: smime_error', 'INFO storage_error for a@x.com', 'ok'];
  const traceLog = fc
    .record({
      start: fc.integer({ min: 0, max: 3 }),
      prefix: fc.constantFrom(...PREFIXES),
      sources: fc.subarray(SOURCES, { minLength: 1 }),
      lines: fc.array(fc.tuple(fc.constantFrom(...GAPS), fc.constantFrom(...BODIES), fc.boolean(), fc.nat()), { minLength: 1, maxLength: 40 }),
    })
    .map(({ start, prefix, sources, lines }) => {
      let t = Date.UTC(2026, 3, 7, 9, 59, 58) + start * 1000;
      return Buffer.from(
        lines
          .map(([gap, body, timed, k]) => {
            const source = sources[k % sources.length]!;
            t += gap * 1000;
            // Some lines without the collector's time: an untimed line between them.
            return (timed ? `${source}${new Date(t).toISOString()}${prefix} ` : '') + body + '\n';
          })
          .join(''),
      );
    });
  const windows = fc.constantFrom<TimeWindow | null>(null, { since: Date.UTC(2026, 3, 7, 10, 0, 0), until: Date.UTC(2026, 3, 7, 10, 0, 1) }, { since: Date.UTC(2026, 3, 7, 9, 59, 59, 500), until: Date.UTC(2026, 3, 7, 10, 5) });

  it('give the reference report (test/oracle), with a window or without, whatever the chunk sizes', async () => {
    await fc.assert(
      fc.asyncProperty(traceLog, chunkSizes, windows, async (bytes, sizes, window) => {
        const reference = report(await referenceTally([bytes], m, 'a.log', undefined, false, window), m);
        expect(report(fastTally(chunked(bytes, sizes), m, 'a.log', undefined, false, window), m)).toEqual(reference);
        expect(report(fastTally([bytes], m, 'a.log', undefined, false, window), m)).toEqual(reference);
      }),
      { numRuns: 400, seed: 20261206 },
    );
  });

  it('count a trace’s repeated code once, and the same code a second later again (counted by hand)', () => {
    const log = [
      '2026-04-07T09:14:02.113456789Z java.io.IOException: storage_error quota', // record 1
      '2026-04-07T09:14:02.113500000Z \tat c.e.App.run(App.java:12)',
      '2026-04-07T09:14:02.114000000Z Caused by: java.io.IOException: storage_error quota', // joins 1
      '2026-04-07T09:14:03.200000000Z Caused by: java.io.IOException: storage_error later', // 1.09 s after: record 2
      '2026-04-07T09:14:03.300000000Z \t... 2 more', // joins 2
    ].join('\n');
    const t = fastTally([Buffer.from(log + '\n')], m);
    expect(t.files.get('a.log')!.records).toBe(2);
    expect(t.codes.get('storage_error')!.count).toBe(2);
  });
});
