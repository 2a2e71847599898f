/**
 * Fixture tests: several fixture directories scanned at once, and the `npm start` showcase (fixtures without
 * bad/). Every expected value below was counted by hand from the fixture files (line numbers cited in the
 * comments), never copied from mxscan's output; the shared tallies are in test/support/fixtures.ts.
 */
import { describe, expect, it } from 'vitest';
import { scan, order, row, at, seen, unknown, totals, INCIDENT, edge } from './support/fixtures.js';

// ---------------------------------------------------------------------------------------------------
// Several directories at once: 1 incident file + 17 edge files
// ---------------------------------------------------------------------------------------------------
describe('incident and edge directories scanned together', () => {
  it('adds up the per-file counts and merges codes across files', async () => {
    const { code, report } = await scan(['fixtures/incident', 'fixtures/edge']);
    expect(code).toBe(0);
    expect(totals(report)).toEqual({
      files: 18,
      // records (plain text is read as events: a line without a time joins the record before it): incident 299;
      // edge: accounts 6, bare-cr 3, blank-lines 2, bom 3, boundaries 11, case-and-distinct 6, crlf 2, empty 0,
      // inherited-time 3, long-record 1, no-final-newline 3, offsets 10, only-newline 1, tie-order 11,
      // timerange 4, unknown-codes 14, untimed-start 3 = 83
      records: 382,
      byLevel: { ERROR: 109, WARN: 24, INFO: 31 }, // incident 67/13/21 + edge 42/11/10
      unknown: 20, // incident 7 + unknown-codes.log 13
      malformedRecords: 0,
      outsideWindow: 0,
    });
    expect(order(report)).toEqual([
      ['storage_error', 31], // 13 + accounts 6, bom 2, boundaries 5, case 2, long-record 1, offsets 1, unknown-codes 1
      ['connection_error_max_retry', 15], // 12 + crlf 2, offsets 1
      ['execution_failed', 11], // 7 + case 2, inherited-time 1, offsets 1
      ['smime_error', 11], // 6 + bare-cr 2, case 2, offsets 1
      ['store_in_ai_error', 11], // 5 + bare-cr 1, inherited-time 3, offsets 1, tie-order 1
      ['storage_credential_no_access', 10], // 9 + offsets 1
      ['task_finished_with_error', 9], // 8 + offsets 1
      ['execution_unexpected_error', 7], // 4 + case 1, untimed-start 2
      ['accounts_and_groups_source_sync_error', 4], // 3 + no-final-newline 1
      ['STORAGE_USER_WITH_ERROR', 11], // 7 + case 2, tie-order 2
      ['web_hook_removed_by_move_conflict', 8], // 4 + offsets 1, tie-order 2, timerange 1
      ['accounts_and_groups_source_sync_warning', 5], // 2 + no-final-newline 1, tie-order 2
      ['task_finished_without_error', 16], // 13 + offsets 1, untimed-start 2
      ['web_hook_moved', 10], // 5 + offsets 1, tie-order 4
      ['web_hook_deleted', 5], // 3 + blank-lines 1, offsets 1
    ]);
    expect(row(report, 'storage_error').files).toBe(8);
    // min: incident line 110; max: long-record.log 21:00
    expect(seen(report, 'storage_error')).toEqual(['2026-03-18T08:10:58.004Z', '2026-03-18T21:00:00.000Z']);
    expect(seen(report, 'connection_error_max_retry')).toEqual(['2026-03-18T08:16:42.041Z', '2026-03-19T02:30:00.000Z']);
    // untimed occurrences in untimed-start.log do not make it null once a timed one exists
    expect(seen(report, 'execution_unexpected_error')).toEqual(['2026-03-18T08:51:49.932Z', '2026-03-18T11:05:00.000Z']);
    // evidence in time order: the first is incident line 110 (08:10:58.004, the file's fourth, earlier than
    // line 41 at 08:11:22.086); the busiest hour is 08:00 (incident 9, more than accounts.log's 6 at 20:00),
    // whose first is line 110 again; the last is bom.log:1, untimed. The first of the next hour that holds one
    // fills in: 09:00, incident line 250 (09:14:50; no edge file has a time in that hour).
    expect(at(report, 'storage_error')).toEqual([`${INCIDENT}:110`, `${INCIDENT}:250`, `${edge('bom.log')}:1`]);
    expect(report.timeRange).toEqual({ start: '2026-03-18T06:45:10.123Z', end: '2026-03-19T02:30:00.000Z' });
  });

  it('groups unknown codes across files and shows the spelling of the first by path and line', async () => {
    const { report } = await scan(['fixtures/incident', 'fixtures/edge']);
    expect(unknown(report)).toEqual({
      BOX_RATE_LIMITED: 4, // edge/unknown-codes.log 7 (first by path) + incident 62, 86, 266
      foo_bar: 3,
      a_b: 2,
      invalid_grant: 2,
      quota_exceeded_hard: 2,
      c_d2: 1,
      e_f: 1,
      graph_token_expired: 1,
      mailbox_full: 1,
      mailbox_locked: 1,
      storage_error_count: 1,
      zip_zap: 1,
    });
    const box = report.unknownCodes.find((u) => u.code === 'BOX_RATE_LIMITED')!;
    expect(box.files).toBe(2);
    expect(box.samples.map((s) => `${s.file}:${s.line}`)).toEqual([`${edge('unknown-codes.log')}:7`, `${INCIDENT}:62`, `${INCIDENT}:86`]);
  });

  it('lists every file in path order with its own counts', async () => {
    const { report } = await scan(['fixtures/incident', 'fixtures/edge']);
    expect(report.files.map((f) => [f.path, f.records, f.matches, f.unknown])).toEqual([
      [edge('accounts.log'), 6, 6, 0],
      [edge('bare-cr.log'), 3, 3, 0],
      [edge('blank-lines.log'), 2, 1, 0],
      [edge('bom.log'), 3, 2, 0],
      [edge('boundaries.log'), 11, 5, 0],
      [edge('case-and-distinct.log'), 6, 9, 0],
      [edge('crlf.log'), 2, 2, 0],
      [edge('empty.log'), 0, 0, 0],
      [edge('inherited-time.log'), 3, 4, 0],
      [edge('long-record.log'), 1, 1, 0],
      [edge('no-final-newline.log'), 3, 2, 0],
      [edge('offsets.log'), 10, 11, 0],
      [edge('only-newline.log'), 1, 0, 0],
      [edge('tie-order.log'), 11, 11, 0],
      [edge('timerange.log'), 4, 1, 0],
      [edge('unknown-codes.log'), 14, 1, 13],
      [edge('untimed-start.log'), 3, 4, 0],
      [INCIDENT, 299, 101, 7],
    ]);
    for (const f of report.files) expect([f.format, f.compressed, f.status]).toEqual(['text', false, 'ok']);
  });
});

describe('the npm start showcase: fixtures without bad/ and the READMEs', () => {
  it('scans every fixture directory except bad/ and adds them up', async () => {
    const { code, report } = await scan(['fixtures', '--exclude', 'bad/**', '--exclude', '**/README.md']);
    expect(code).toBe(0);
    expect(report.files.some((f) => f.path.startsWith('fixtures/bad/'))).toBe(false);
    // fixtures/postmortem (18 files, hand tally per file in test/postmortem*.test.ts): records accounts 4 + 8,
    // accounts-csv 3 (data rows), compare 40, first-error 4 + 2 + 2, github 17 + 5 (lines 4-5 one record),
    // junit 8, redact 2 + 6, redact-cut 2, redact-edge 1 + 3 + 1, suppress 8, timeline 17 (10 and 12 join 9
    // and 11) = 133; ERROR 3+7+2+12+1+2+2+13+3+5+2+4+1+1+3+1+4+9 = 75, WARN 14, INFO 13; unknown 1
    // (redact/secrets.log:6).
    // fixtures/exports (READMEs left out, as npm start does): excel-de 4, excel-unicode 4, pipe 5, tsv 3, excel-sep 3
    // records (test/exports-csv-dialects.test.ts): ERROR 4 + 3 + 3 + 2 + 2 = 14, WARN 1 (pipe), INFO 1 + 1 + 1 + 1 = 4,
    // malformed 1 (pipe); excel-us 4 rows and syslog 4 lines (test/time-options.test.ts): ERROR 3 + 3; log4j 4 + 4 records
    // (test/exports-log4j.test.ts): ERROR 6, unknown 1; cloudwatch 4 events, datadog 3, elastic 3, custom/alerts.json
    // 7 records (plain text without --records: 10 lines, the last 3 in line 7's event) = 17 records (test/fixtures-exports.test.ts): ERROR 3 + 2 + 2 + 1 = 8,
    // INFO 1 + 1 + 1 + 1 = 4; cloudwatch/appended-pages 4 events (test/json-appended.test.ts): ERROR 2, INFO 2.
    // More exports (test/exports-more.test.ts), 11 files: kubectl timestamps 4 (its line 3, a stack frame, carries on
    // line 2), json-pod 3, prefix 3 records; journald
    // journal.json 4, short-iso 3; kibana 3; datadog-csv 2; dashboard 4; elasticdump 3; postgres/copy 4; winston 5 = 38 records.
    // ERROR 3 + 1 + 3 + 2 + 2 + 2 + 3 + 3 + 2 (elasticdump: storage_error, smime_error) + 3 (postgres) + 3 (winston) = 27, INFO
    // 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 = 8 (task_finished_without_error in timestamps, journal.json, short-iso, kibana, elasticdump,
    // winston; web_hook_moved in json-pod, postgres); unknown 4 (winston: ECONNREFUSED, 401, ETIMEDOUT, E_SYNC_DONE).
    // Record starts (test/exports-record-starts.test.ts), 4 files: logback 5, go 5, log4j/mail2cloud.log.2 4, python 3 = 17
    // records; ERROR 3 + 3 + 2 + 2 = 10 (storage_error 2 + 2, connection_error_max_retry 1 + 1; smime_error, execution_failed;
    // smime_error, storage_credential_no_access), INFO 1 (python: task_finished_without_error).
    // gcp/entries.json (test/exports-more.test.ts): 3 records; ERROR 2 (storage_error, smime_error), INFO 1. gcp/read.yaml
    // (test/exports-yaml.test.ts): 5 entries; ERROR 4 (task_finished_with_error, connection_error_max_retry, smime_error,
    // storage_error), WARN 1 (STORAGE_USER_WITH_ERROR), INFO 1 (task_finished_without_error).
    // powershell/application-events.csv and azure/query-data.csv (test/exports-more.test.ts): 3 + 3 rows; ERROR 3 + 3
    // (storage_credential_no_access, smime_error, storage_error each).
    // Time fields (test/exports-time-fields.test.ts): bigquery 4 rows (ERROR 2: storage_error, smime_error; WARN 1;
    // INFO 1), log4j-json 3 lines (ERROR 2: storage_error, smime_error; INFO 1), excel-date-time 4 rows (ERROR 2:
    // storage_error, smime_error; WARN 1; INFO 1). tomcat/catalina.out 4 records (test/exports-record-starts.test.ts):
    // ERROR 2 (storage_error, smime_error), WARN 1. mysql/batch.tsv 3 rows (test/exports-time-fields.test.ts): ERROR 3
    // (storage_error, smime_error, execution_failed). kibana/discover-report-kibana6.csv 3 rows: ERROR 2 (smime_error,
    // storage_error), WARN 1. eventviewer/application.csv 3 records (malformed: a sixth field): ERROR 2 (storage_error,
    // smime_error), INFO 1. oracle/date-column.csv 3 rows: ERROR 3 (storage_error, smime_error, execution_failed).
    // datadog/pages.jsonl 6 logs on 3 pages (test/json-appended.test.ts): ERROR 5 (storage_error 4,
    // storage_credential_no_access 1), INFO 1 (web_hook_moved). Time objects (test/exports-time-fields.test.ts):
    // log4j-json/jsonlayout.jsonl 4 lines (ERROR 3: storage_error, smime_error, execution_failed; INFO 1),
    // mongo/notifications.json 3 lines (ERROR 2: storage_error, smime_error; INFO 1: web_hook_moved). Code fields by other
    // spellings (test/code-field-unknown.test.ts): serilog/mail2cloud.clef 3 lines (ERROR 1: storage_error; INFO 1; unknown 1),
    // sheets/error-code-column.csv 3 rows (ERROR 2: storage_error, execution_failed; unknown 1).
    // oracle/timestamp-column.csv 2 rows (test/exports-time-fields.test.ts): ERROR 2 (storage_error, smime_error).
    // elastic/scroll-pages.jsonl 4 hits and an error line (test/json-appended.test.ts): ERROR 4 (storage_error).
    // log4j-json/jsonlayout-default.log 3 pretty objects (test/exports-time-fields.test.ts): ERROR 2 (storage_error,
    // smime_error), INFO 1. excel-date-time/long-date.csv 3 rows (test/exports-time-fields.test.ts): ERROR 2 (storage_error,
    // smime_error), INFO 1 (web_hook_moved). cloudwatch/pages-killed-loop.jsonl 8 records, 1 malformed (the cut event;
    // test/json-appended.test.ts): ERROR 7 (storage_error 6, smime_error 1). kubectl/stack-trace.log 11 records
    // (test/exports-more.test.ts): ERROR 6 (storage_error 2, smime_error 2, storage_credential_no_access 2), INFO 1;
    // kubectl/containerd.log 3 records: ERROR 1 (store_in_ai_error), INFO 1 (web_hook_moved). journald/stack-trace.log
    // 3 records: ERROR 2 (connection_error_max_retry, task_finished_with_error); syslog/messages-trace.log 3 records:
    // ERROR 2 (smime_error twice), INFO 1 (web_hook_moved). grafana/ds-query.json and pagerduty/log-entries.json
    // (test/one-document.test.ts): one record each; ERROR 2 (storage_error, smime_error) and ERROR 1 (storage_error),
    // INFO 1 (task_finished_without_error). structlog/console.log (test/ansi.test.ts): 4 records; ERROR 2
    // (storage_error, smime_error), WARN 1 (STORAGE_USER_WITH_ERROR), INFO 1. elastic/aggregations.json (test/one-document.test.ts):
    // no record (hits.hits is empty), nothing counted. splunk/export.json (test/exports-time-fields.test.ts): 3
    // lines; ERROR 2 (storage_error, smime_error), INFO 1. iis/u_ex260407.log (test/exports-w3c.test.ts): 9 records; ERROR 3
    // (storage_error 2, smime_error), INFO 1. docker/json-file-trace.log (test/exports-collected.test.ts): 4 records
    // (the exception's lines 2-5 one); ERROR 3 (storage_error 2, smime_error). heroku/java-trace.log
    // (test/exports-traces.test.ts): 7 records (3-7 one, 11-13 one); ERROR 3 (storage_error, smime_error 2), INFO 1.
    expect(totals(report)).toEqual({
      files: 122, // 17 edge + 9 formats + 1 incident + 18 postmortem + 14 exports + 11 more exports + 4 record starts + gcp, powershell, azure + bigquery, log4j-json, excel-date-time, tomcat, mysql, kibana6, eventviewer, oracle + datadog pages + jsonlayout, mongo + serilog, sheets + oracle timestamps + scroll pages + jsonlayout-default + long-date + killed loop + kubectl stack-trace, containerd + journald stack-trace, syslog messages-trace + grafana, pagerduty + structlog + aggregations + splunk + kubectl json-timestamps, containerd-json + docker json-file, fluent-bit hits + journal-seq + filebeat hits, search fields + cloudwatch insights + stern timestamps, json + logcli jsonl, default + stern json timestamps + kubetail + gcloud yaml + iis + docker json-file-trace + heroku java-trace
      records: 870, // 83 + 67 + 299 + 133 + (19 + 8 + 8 + 17 + 4) + 38 + 17 + 3 + 6 + 4 + 3 + 4 + 4 + 3 + 3 + 3 + 3 + 6 + 4 + 3 + 3 + 3 + 2 + 5 + 3 + 3 + 8 + 11 + 3 + 3 + 3 + 1 + 1 + 4 + 0 + 3 + 5 + 3 + 4 + 2 + 4 + 3 + 2 + 5 + 4 + 2 + 3 + 3 + 2 + 5 + 5 + 9 + 4 + 7
      byLevel: { ERROR: 407, WARN: 54, INFO: 103 }, // edge 42/11/10 + formats 38/5/11 + incident 67/13/21 + postmortem 75/14/13 + exports 36/1/10 + 26/0/8 (kubectl prefix: JSON lines) + 10/0/1 + 2/0/1 + 6/0/0 + 2/1/1 + 2/0/1 + 2/1/1 + 2/1/0 + 3/0/0 + 2/1/0 + 2/0/1 + 3/0/0 + 5/0/1 + 3/0/1 + 2/0/1 + 1/0/1 + 2/0/0 + 2/0/0 + 4/0/0 + 2/0/1 + 2/0/1 + 7/0/0 + 6/0/1 + 1/0/1 + 2/0/0 + 2/0/1 + 2/0/0 + 1/0/1 + 2/1/1 + 2/0/1 + 2/1/1 + 2/0/0 + 1/0/1 + 1/0/1 + 2/0/1 + 2/0/1 (filebeat hits) + 1/0/1 (search fields) + 4/0/1 (cloudwatch insights) + 2/1/1 (stern timestamps) + 2/0/0 (stern json) + 2/0/1 (logcli jsonl) + 2/1/0 (logcli default) + 2/0/0 (stern json timestamps) + 1/1/0 (kubetail) + 4/1/1 (gcloud yaml) + 3/0/1 (iis) + 3/0/0 (docker json-file-trace) + 3/0/1 (heroku java-trace)
      unknown: 41, // 13 + 9 (formats: THROTTLED in a Code field, twice) + 7 + 1 + 1 + 4 (winston) + 1 (serilog) + 1 (sheets) + 1 (kubectl json-timestamps: ECONNREFUSED) + 1 (docker json-file: E1) + 1 (cloudwatch insights: rate_limited) + 1 (stern timestamps: ECONNRESET)
      malformedRecords: 9, // 8 + the killed loop's cut event
      outsideWindow: 0,
    });
    // 18 + 10 + 13 + postmortem 29 (accounts 2 + 5, accounts-csv 2, compare 6, github 3 + 2, junit 2, redact 1 + 1,
    // timeline 5) + exports: excel-de 2, excel-sep 1, excel-us 2, syslog 2, log4j 3, cloudwatch 2 + 1 (appended-pages), elastic 1 + more exports:
    // kubectl timestamps 1, prefix 1, journal.json 1, short-iso 1, kibana 1, datadog-csv 1, dashboard 2, elasticdump 1, postgres 1
    // + record starts: logback 2, go 2; gcp 1, powershell 1, azure 1; bigquery 1, log4j-json 1, excel-date-time 1, tomcat 1, mysql 1, kibana6 1, eventviewer 1, oracle 1; datadog pages 4; jsonlayout 1, mongo 1; serilog 1, sheets 1, oracle timestamps 1; scroll pages 4; jsonlayout-default 1; long-date 1; killed loop 6;
    // kubectl stack-trace 2; grafana 1, pagerduty 1; structlog 1; splunk 1; filebeat hits 1, search fields 1; cloudwatch insights 2; stern timestamps 1; logcli jsonl 1; kubetail 1; gcloud yaml 1; iis 2 (lines 6 and 12); docker json-file-trace 2 (lines 1 and 2); heroku java-trace 1 (line 3)
    expect(row(report, 'storage_error').count).toBe(153);
    expect(unknown(report)['quota_exceeded_hard']).toBe(6); // edge 2 + formats 4, first spelled on edge/unknown-codes.log:2
  });
});
