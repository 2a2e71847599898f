/**
 * Watched JSON keys that share a length and a first byte (`mailbox` and `message`, `errorCode` and
 * `eventTime`, `time_local` and `timeMillis`): the kernel tells a key by the prefixes of its first two
 * candidates (src/wasm/keys.ts keySlotQuick), the second of each pair here. Expected values worked out by
 * hand from README "What counts" (JSON lines), never copied from mxscan's output.
 */
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { accounts, fileRow, order, scan, seen } from './support/fixtures.js';
import { tempDir } from './support/main.js';

const { remove, write } = tempDir('mxscan-keys-');
afterAll(remove);

describe('watched keys of one length and first byte', () => {
  it('each is read as its own field', async () => {
    const f = write(
      'keys.jsonl',
      [
        // 1: errorCode's code, eventTime's time, mailbox's account.
        '{"eventTime":"2026-04-07T09:14:02Z","errorCode":"storage_error","mailbox":"ann@contoso.com","message":"upload failed"}',
        // 2: message's string is a trace's `Caused by:` half a second later: it carries on record 1, whose
        //    storage_error it names again (counted once per record).
        '{"eventTime":"2026-04-07T09:14:02.500Z","message":"Caused by: java.io.IOException: storage_error"}',
        // 3: timeMillis's epoch milliseconds, 2026-04-07T09:15:00Z.
        '{"timeMillis":1775553300000,"errorCode":"smime_error","message":"signing failed"}',
        // 4: time_local's time.
        '{"time_local":"2026-04-07T09:16:00Z","ErrorCode":"web_hook_deleted","message":"hook gone"}',
      ].join('\n') + '\n',
    );
    const { code, report } = await scan([f]);
    expect(code).toBe(0);
    expect(fileRow(report, path.relative(process.cwd(), f))).toMatchObject({ format: 'jsonl', records: 3, untimedRecords: 0 });
    expect(order(report)).toEqual([
      ['smime_error', 1],
      ['storage_error', 1],
      ['web_hook_deleted', 1],
    ]);
    expect(seen(report, 'storage_error')).toEqual(['2026-04-07T09:14:02.000Z', '2026-04-07T09:14:02.000Z']);
    expect(seen(report, 'smime_error')).toEqual(['2026-04-07T09:15:00.000Z', '2026-04-07T09:15:00.000Z']);
    expect(seen(report, 'web_hook_deleted')).toEqual(['2026-04-07T09:16:00.000Z', '2026-04-07T09:16:00.000Z']);
    expect(accounts(report, 'storage_error')).toEqual(['ann@contoso.com']);
  });
});
