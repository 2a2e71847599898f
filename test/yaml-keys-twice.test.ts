/**
 * A YAML document whose mapping holds a key twice is one the yaml package cannot read: one malformed record of
 * its text (README "Exports mxscan reads"). The package's own check compares every key with every one before
 * it; src/input/yaml-documents.ts keyTwice checks in one pass and must say what it says. Expected values were
 * worked out by hand from the lines written.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { lines, order, scan } from './support/fixtures.js';
import { tempDir } from './support/main.js';

const { remove, write } = tempDir('mxscan-yaml-twice-');
afterAll(remove);
const written = (name: string, text: readonly string[]): string => write(name, text.join('\n') + '\n');

/** A LogEntry as gcloud writes it, keys in order, after its `---`. */
const entry = (time: string, payload: readonly string[]): string[] => ['---', 'insertId: x1', ...payload, 'severity: ERROR', `timestamp: '${time}'`];

describe('YAML documents with a key twice', () => {
  it('a key twice in a mapping, at any depth or in a flow mapping, makes a document YAML cannot read; NaN twice, or 1 and "1", does not', async () => {
    const f = written('twice.yaml', [
      ...entry('2026-04-07T09:00:00Z', ['jsonPayload:', '  code: storage_error', '  code: smime_error']), // lines 1-7
      '---', // line 8
      '{message: task_finished_with_error, level: ERROR, level: WARN}', // line 9
      '---', // line 10
      '.nan: 1', // line 11
      '.NaN: 2',
      'message: web_hook_moved',
      '---', // line 14
      '1: a', // line 15
      '"1": b',
      'message: execution_failed',
    ]);
    const { report } = await scan([f]);
    // The first two documents are malformed records of their text (lines 2 and 9), the others records.
    expect(report.files[0]).toMatchObject({ format: 'yaml', records: 4, malformedRecords: 2 });
    expect(Object.fromEntries(order(report))).toEqual({ storage_error: 1, smime_error: 1, task_finished_with_error: 1, web_hook_moved: 1, execution_failed: 1 });
    expect(lines(report, 'smime_error')).toEqual([2]);
    expect(lines(report, 'task_finished_with_error')).toEqual([9]);
    expect(lines(report, 'web_hook_moved')).toEqual([11]);
  });

});
