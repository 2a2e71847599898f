/**
 * Fixture tests, fixtures/bad/exports: exports mxscan does not read as events — a Loki query response, tables
 * of counts (a dashboard's aggregation saved as CSV), columnar query responses — each refused with one line
 * naming the file and what to export instead (exit 2), the rest of the scan reported (see
 * fixtures/exports/README.md). Every expected value was worked out by hand from the fixture files, never
 * copied from mxscan's output.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { tempDir } from './support/cli.js';
import { fileRow, row, scan } from './support/fixtures.js';

// The oracle stands in for the engine where a case asks for it (test/oracle/switch.ts; src/scan.ts is mocked
// by the setup file of the project these tests run in, test/support/oracle-mock.ts).

const exp = (name: string): string => `fixtures/exports/${name}`;

describe('fixtures/bad/exports: a Grafana Loki query response', () => {
  const f = 'fixtures/bad/exports/loki-query-range.json';
  const said = `mxscan: cannot read ${f}: a Loki query response (export its lines with logcli query --output=jsonl)`;

  it('is not read (one record per stream would count its codes once): one line, exit 2, the rest reported', async () => {
    const r = await scan([f, exp('go/agent.log')], { quiet: false });
    expect(r.code).toBe(2);
    expect(r.err.split('\n')).toContain(said);
    expect(fileRow(r.report, f)).toMatchObject({ status: 'error', records: 0, matches: 0 });
    expect(r.report.codes.find((c) => c.code === 'smime_error')).toBeUndefined();
    expect(row(r.report, 'storage_error').count).toBe(2); // go/agent.log's
    // Alone: nothing was read, so no report.
    const alone = await scan([f], { quiet: false });
    expect([alone.code, alone.out]).toEqual([2, '']);
    expect(alone.err.split('\n')).toContain(said);
  });

  it('is not read pretty-printed, with its keys sorted (jq -S) or from standard input either', async () => {
    const text = JSON.stringify(JSON.parse(readFileSync(f, 'utf8')), null, 2);
    const r = await scan(['-', exp('go/agent.log')], { stdin: Buffer.from(text), quiet: false });
    expect(r.code).toBe(2);
    expect(fileRow(r.report, '(stdin)')).toMatchObject({ status: 'error', records: 0 });
    // jq -S: `data` before `status`, `result` before `resultType`; its streams' labels sorted too.
    const sorted = '{"data":{"result":[{"stream":{"app":"m2c-storage","namespace":"mail2cloud"},"values":[["1775553242113000000","code=storage_error"]]}],"resultType":"streams"},"status":"success"}\n';
    const s = await scan(['-'], { stdin: Buffer.from(sorted), quiet: false });
    expect([s.code, s.out]).toEqual([2, '']);
    expect(s.err).toContain('mxscan: cannot read (stdin): a Loki query response');
  });

  it('is told by how the input starts: JSON lines that mention its keys are read', async () => {
    const lines = '{"ts":"2026-04-07T15:10:01Z","msg":"loki query done","resultType":"streams"}\n{"ts":"2026-04-07T15:10:02Z","msg":"storage_error for bo@fabrikam.com"}\n';
    const r = await scan(['-'], { stdin: Buffer.from(lines), quiet: false });
    expect(r.code).toBe(0);
    expect(fileRow(r.report, '(stdin)')).toMatchObject({ status: 'ok', format: 'jsonl', records: 2 });
    expect(row(r.report, 'storage_error').count).toBe(1);
  });
});

describe('fixtures/bad/exports: tables of counts (a dashboard\'s aggregation, stats count by)', () => {
  it.each([
    ['fixtures/bad/exports/kibana-table-counts.csv', 'Count of records'],
    ['fixtures/bad/exports/splunk-timechart-counts.csv', 'count'],
    ['fixtures/bad/exports/excel-pivot-columns.csv', 'Count of code'],
  ])('%s is not read (storage_error would count once a row, not 71 times): one line, exit 2, the rest reported', async (f, column) => {
    const r = await scan([f, exp('go/agent.log')], { quiet: false });
    expect(r.code).toBe(2);
    expect(r.err.split('\n')).toContain(`mxscan: cannot read ${f}: a table of counts (column "${column}"): export the events, not counts`);
    expect(fileRow(r.report, f)).toMatchObject({ status: 'error', records: 0, matches: 0 });
    expect(r.report.codes.find((c) => c.code === 'smime_error')).toBeUndefined();
    expect(row(r.report, 'storage_error').count).toBe(2); // go/agent.log's
  });

  it('told by a count column beside at most three others, a count in each first row and no long text', async () => {
    const read = async (text: string): Promise<number> => (await scan(['-'], { stdin: Buffer.from(text), quiet: false })).code;
    // An Excel pivot table (its Grand Total row a count too), SQL's COUNT(*), thousands separators, Elasticsearch's doc_count.
    expect(await read('Row Labels,Count of code\nstorage_error,71\nGrand Total,83\n')).toBe(2);
    expect(await read('code;COUNT(*)\nstorage_error;"1 234"\n')).toBe(2);
    expect(await read('key,doc_count\nstorage_error,"1,234"\n')).toBe(2);
    // Events with a count of their own beside a message (more than 64 characters or four blanks), or more than three other columns: read.
    expect(await read('time,code,message,count\n2026-04-07T09:00:00Z,storage_error,"upload failed for a mailbox after the third retry of a batch that had been queued since the morning, the storage provider answering 507 Insufficient Storage to every request it was sent",3\n')).toBe(0);
    expect(await read('time,code,message,count\n2026-04-07T09:00:00Z,storage_error,upload failed for ann after five tries,3\n')).toBe(0);
    expect(await read('time,host,service,code,count\n2026-04-07T09:00:00Z,m2c-1,sync,storage_error,3\n')).toBe(0);
    // A count column whose values are no counts, or none at all.
    expect(await read('code,count\nstorage_error,n/a\n')).toBe(0);
    expect(await read('code,count\nstorage_error,\nsmime_error,\n')).toBe(0);
    // Grafana's table with a null (an empty cell) among the counts: refused.
    expect(await read('"Time","code","Value"\n"2026-04-07 10:00:00","storage_error","71"\n"2026-04-07 10:00:00","smime_error",""\n')).toBe(2);
    // Kusto's `summarize count() by Code` (count_), `Count (*)`: refused.
    expect(await read('Code,count_\nstorage_error,71\n')).toBe(2);
    expect(await read('code,Count (*)\nstorage_error,71\n')).toBe(2);
    // Grafana's Value, Athena's and BigQuery's unnamed columns, PowerShell's Group-Object: refused.
    expect(await read('"Time","code","Value"\n"2026-04-07 10:00:00","storage_error","71"\n')).toBe(2);
    expect(await read('code,_col1\nstorage_error,71\n')).toBe(2);
    expect(await read('code,f0_\nstorage_error,71\n')).toBe(2);
    expect(await read('#TYPE Microsoft.PowerShell.Commands.GroupInfo\n"Values","Count","Group","Name"\n"System.Collections.ArrayList","71","System.Collections.ObjectModel.Collection`1[System.Management.Automation.PSObject]","storage_error"\n')).toBe(2);
    // Splunk's `stats count as Events`, MySQL's COUNT(code): refused.
    expect(await read('code,Events\nstorage_error,71\n')).toBe(2);
    expect(await read('code,COUNT(code)\nstorage_error,71\n')).toBe(2);
    // Events whose time is Oracle's (dots) or epoch milliseconds, beside a count of their own: read.
    expect(await read('"LOGGED_AT","CODE","MAILBOX","VALUE"\n07-APR-26 09.14.02.113000000 AM,storage_error,ann@example.com,1\n')).toBe(0);
    expect(await read('timestamp,code,account,count\n1775553242113,storage_error,ann@example.com,3\n')).toBe(0);
    // Events with a count of their own: each one's time to the second or finer, no bucket's.
    expect(await read('timestamp,code,account,count\n2026-04-07T09:14:02.113Z,storage_error,ann@contoso.com,3\n')).toBe(0);
  });

  it('an Excel pivot with its report filter above it, SSMS\'s unnamed column, a Grafana legend naming a code (.csv files)', async () => {
    const dir = tempDir('pivot-filter');
    try {
      const cases = [
        ['pivot.csv', 'account,(All)\n,\nRow Labels,Count of code\nstorage_error,71\nsmime_error,5\nGrand Total,76\n', 'Count of code'],
        ['ssms.csv', 'code,(No column name)\nstorage_error,71\n', '(No column name)'],
        ['grafana.csv', 'Time,{code="storage_error"},{code="smime_error"}\n2026-04-07 09:00:00,38,4\n', '{code="storage_error"}'],
      ];
      for (const [name, text, column] of cases) {
        const f = path.join(dir, name!);
        writeFileSync(f, text!);
        const r = await scan([f], { quiet: false });
        expect(r.code, name).toBe(2);
        expect(r.err).toContain(`a table of counts (column "${column}"): export the events, not counts`);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('gzipped, alone: nothing is read, so no report (its "No catalog codes found" would read as an all-clear)', async () => {
    const r = await scan(['-'], { stdin: gzipSync(readFileSync('fixtures/bad/exports/kibana-table-counts.csv')), quiet: false });
    expect([r.code, r.out]).toEqual([2, '']);
    expect(r.err).toBe('mxscan: cannot read (stdin): a table of counts (column "Count of records"): export the events, not counts\n');
  });

  it('codes naming the columns of counts (Splunk\'s timechart count by code, a time series per code): refused, not an all-clear', async () => {
    const r = await scan(['-'], { stdin: Buffer.from('_time,NULL,OTHER,smime_error,storage_error\n2026-04-07T09:00:00.000+0000,0,0,4,38\n2026-04-07T09:30:00.000+0000,0,0,8,33\n'), quiet: false });
    expect(r.code).toBe(2);
    expect(r.err).toContain('mxscan: cannot read (stdin): a table of counts (column "smime_error"): export the events, not counts');
    // Columns no catalog code names (a metrics export) are read as rows.
    const metrics = await scan(['-'], { stdin: Buffer.from('time,cpu_usage,mem_free\n2026-04-07 09:00:00,12,480\n'), quiet: false });
    expect(metrics.code).toBe(0);
  });

  it('codes naming the rows, hosts the columns (Splunk\'s chart count over code by host); Kibana Lens\' 30-second buckets: refused', async () => {
    const chart = await scan(['-'], { stdin: Buffer.from('code,mx01,mx02,OTHER\nstorage_error,41,30,0\nsmime_error,,12,1\n'), quiet: false });
    expect(chart.code).toBe(2);
    expect(chart.err).toContain('a table of counts (column "mx01")');
    const lens = await scan(['-'], { stdin: Buffer.from('"@timestamp per 30 seconds","Count of records"\n"Apr 7, 2026 @ 09:14:30.000",41\n"Apr 7, 2026 @ 09:15:00.000",30\n'), quiet: false });
    expect(lens.code).toBe(2);
    // Events whose first column is their code, beside a count and a message: read.
    const events = await scan(['-'], { stdin: Buffer.from('code,count,message\nstorage_error,3,upload failed for ann after five tries\n'), quiet: false });
    expect(events.code).toBe(0);
    // An event at :30 to the millisecond beside a count of its own is read too.
    const timed = await scan(['-'], { stdin: Buffer.from('timestamp,code,count\n2026-04-07T09:14:30.113Z,storage_error,3\n'), quiet: false });
    expect(timed.code).toBe(0);
  });
});

describe('fixtures/bad/exports: columnar query responses (ES|QL, Log Analytics)', () => {
  const said = (f: string): string => `mxscan: cannot read ${f}: a columnar query response (ES|QL, SQL, Log Analytics: export its rows as CSV or JSON objects)`;

  it.each([['fixtures/bad/exports/esql-response.json'], ['fixtures/bad/exports/log-analytics-response.json']])('%s is not read (one record in all would count storage_error once for its two rows): one line, exit 2, the rest reported', async (f) => {
    const r = await scan([f, exp('go/agent.log')], { quiet: false });
    expect(r.code).toBe(2);
    expect(r.err.split('\n')).toContain(said(f));
    expect(fileRow(r.report, f)).toMatchObject({ status: 'error', records: 0, matches: 0 });
    expect(r.report.codes.find((c) => c.code === 'smime_error')).toBeUndefined();
    expect(row(r.report, 'storage_error').count).toBe(2); // go/agent.log's
  });

  it('ES|QL async and wide ones, Elasticsearch SQL\'s pages and Azure Data Explorer\'s too', async () => {
    const column = (name: string): string => `{"name":"${name}","type":"keyword"}`;
    const wide = Array.from({ length: 3000 }, (_, i) => column(`kubernetes.labels.l${i}`)).join(',');
    for (const text of [
      '{"id":"FmNJRUZ1YWpfUTV1","is_running":false,"took":31,"columns":[{"name":"code","type":"keyword"}],"values":[["storage_error"],["storage_error"]]}',
      // Over 64 KiB of columns before the values (an ES|QL query over a wide index, no KEEP).
      `{"took":120,"is_partial":false,"columns":[${column('code')},${wide}],"values":[["storage_error"],["storage_error"]]}`,
      '{"columns":[{"name":"code","type":"keyword"}],"rows":[["storage_error"],["storage_error"]],"cursor":"sDXF1ZXJ5"}',
      '{"rows":[["storage_error"],["storage_error"]],"cursor":"sDXF1ZXJ5"}',
      '{"Tables":[{"TableName":"Table_0","Columns":[{"ColumnName":"Code","DataType":"String","ColumnType":"string"}],"Rows":[["storage_error"],["storage_error"]]}]}',
      '[{"FrameType":"DataSetHeader","IsProgressive":false,"Version":"v2.0"},{"FrameType":"DataTable","TableId":0,"Columns":[{"ColumnName":"Code","ColumnType":"string"}],"Rows":[["storage_error"],["storage_error"]]}]',
    ]) {
      const r = await scan(['-'], { stdin: Buffer.from(`${text}\n`), quiet: false });
      expect([r.code, r.out], text.slice(0, 60)).toEqual([2, '']);
      expect(r.err).toContain('mxscan: cannot read (stdin): a columnar query response');
    }
  });

  it('is told by the top-level keys: a search hit or JSON lines that hold columns and rows are read', async () => {
    const hits = '{"took":3,"hits":{"hits":[{"_id":"1","_source":{"@timestamp":"2026-04-07T09:14:02Z","code":"storage_error","report":{"columns":[{"name":"mailbox"}],"rows":[]}}}]}}\n';
    const lines = '{"took":"12ms","msg":"query done","columns":[{"name":"a"}],"values":[[1]]}\n{"ts":"2026-04-07T15:10:02Z","msg":"storage_error for bo@fabrikam.com"}\n';
    for (const [text, format] of [[hits, 'json'], [lines, 'jsonl']] as const) {
      const r = await scan(['-'], { stdin: Buffer.from(text), quiet: false });
      expect(r.code, format).toBe(0);
      expect(fileRow(r.report, '(stdin)')).toMatchObject({ status: 'ok', format });
      expect(row(r.report, 'storage_error').count).toBe(1);
    }
  });
});

describe('fixtures/bad/exports: a CloudWatch Logs Insights query response (aws logs get-query-results)', () => {
  const f = 'fixtures/bad/exports/cloudwatch-insights-response.json';

  it('is not read (as text, storage_error would take smime_error\'s row\'s time, 12 hours late): one line saying how to export it, exit 2', async () => {
    const r = await scan([f, exp('go/agent.log')], { quiet: false });
    expect(r.code).toBe(2);
    expect(r.err.split('\n')).toContain(
      `mxscan: cannot read ${f}: a CloudWatch Logs Insights response (download its table as CSV)`,
    );
    expect(fileRow(r.report, f)).toMatchObject({ status: 'error', records: 0, matches: 0 });
    expect(r.report.codes.find((c) => c.code === 'smime_error')).toBeUndefined();
  });

  it('is told by its results\' pairs: a JSON line or a response of other results is read', async () => {
    for (const text of ['{"results":[{"code":"storage_error","ts":"2026-04-07T09:14:02Z"}]}\n', '{"results":[["storage_error"]]}\n']) {
      const r = await scan(['-'], { stdin: Buffer.from(text), quiet: false });
      expect(r.code, text).toBe(0);
      expect(row(r.report, 'storage_error').count).toBe(1);
    }
  });
});
