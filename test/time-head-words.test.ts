/**
 * The word after a line's leading time (README "What counts", plain text): a syslog host and its tag, Heroku's
 * `app[web.1]:`, `aws logs tail`'s log stream, or a word that is none of them (logfmt's `level=info`, a level).
 * The kernel tells most words from the 16 bytes after the time at once; these cases sit on each side of that
 * test. Each pair is an exception's line and its `Caused by:` 0.1 s later naming the same code: one record
 * and one count when the word is a collector's head the trace's line carries on, two when it is not.
 * Expected values are worked out by hand from the rule, not copied from mxscan's output.
 */
import { describe, expect, it } from 'vitest';
import { defaultMatcher, fastTally } from './support/engines.js';

const m = defaultMatcher();

/** Records and storage_error's count of the two lines with `word` after their times. */
function pair(word: string): [number, number] {
  const log = [
    `2026-04-07T09:14:02.100Z ${word} java.io.IOException: storage_error quota`,
    `2026-04-07T09:14:02.200Z ${word} Caused by: java.io.IOException: storage_error quota`,
  ].join('\n');
  const t = fastTally([Buffer.from(log + '\n')], m);
  return [t.files.get('a.log')!.records, t.codes.get('storage_error')?.count ?? 0];
}

describe('the word after a line’s time', () => {
  it.each([
    // A collector's head: the `Caused by:` carries on its exception's record.
    ['mx1 m2c:', 'a host and its tag'],
    ['mx1.example-2.net m2c[12]:', 'a host of dots, dashes and digits, a tag and its pid'],
    ['relay-0123456789abcdef.example.net m2c[12]:', 'a host longer than 16 bytes'],
    ['app[web.1]:', 'Heroku’s source and dyno (a `[` right after the name)'],
    ['m2c/worker/1a', 'a log stream’s name (a `/` in it)'],
    ['2026/04/07/[$LATEST]0a1b2c3d', 'a Lambda stream’s name'],
    ['mx1/really-long-stream-name-0123456789', 'a stream’s name longer than 16 bytes'],
  ])('%s (%s): one record, one count', (word) => {
    expect(pair(word)).toEqual([1, 1]);
  });

  it.each([
    // No collector's head: every line with a time starts a record.
    ['level=error', 'logfmt’s level (`=` is no host’s byte)'],
    ['lvl=warn svc=m2c', 'two logfmt fields'],
    ['mx1Z java[2211]:', 'a capital in what would be the host'],
    ['mx1\tm2c:', 'a tab after the host'],
    ['x[1]=y', 'a `[` after a name, but no `]: `'],
    ['ERROR', 'a level in capitals'],
    ['level=info-and-a-much-longer-value', 'a word longer than 16 bytes'],
  ])('%s (%s): two records, two counts', (word) => {
    expect(pair(word)).toEqual([2, 2]);
  });
});
