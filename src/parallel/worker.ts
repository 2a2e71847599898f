import type { MessagePort } from 'node:worker_threads';
import type { FileSettings } from '../model/settings.js';
import { RangeClaim } from './claim.js';
import { packResult, settingsFromJson, type WorkerMessage } from './protocol.js';
import { holdAccounts, settleAccounts } from '../fast/account-cache.js';
import { scanUnit } from '../scan.js';
import { newTally, type Tally } from '../summary/tally.js';

/**
 * A worker thread: scans the units it is sent, one at a time, in the order they come (one may wait while
 * another is scanned), and tells how many bytes it has read, now and then, for the progress bar. Whole files
 * are counted into one tally, posted back when it is told the units are done; a byte range's tally is posted
 * back with it. It may be started before its settings are known: they come with the first unit.
 * Run by the thread's entry (worker-thread.ts) on its port to the main thread.
 */
export function serveWorker(port: MessagePort): void {
  let settings: FileSettings | undefined;
  let kept: Tally | undefined;
  const waiting: WorkerMessage[] = [];
  let busy = false;

  async function work(): Promise<void> {
    busy = true;
    for (let msg = waiting.shift(); msg !== undefined; msg = waiting.shift()) await handle(msg);
    busy = false;
  }

  async function handle(msg: WorkerMessage): Promise<void> {
    if ('end' in msg) {
      if (kept !== undefined) settleAccounts(kept);
      port.postMessage({ type: 'done', result: packResult({ index: -1, tally: kept ?? newTally(), records: 0, lastTime: null }) });
      kept = undefined;
      return;
    }
    if (msg.settings !== undefined) settings = settingsFromJson(msg.settings);
    // The accounts of the whole files go into their tally once, when it is posted back (see holdAccounts).
    if (kept === undefined && msg.input.range === undefined) holdAccounts((kept = newTally(settings!.accountList === true)));
    const into = msg.input.range === undefined ? kept : undefined;
    try {
      const claim = msg.claim !== undefined ? new RangeClaim(msg.claim) : undefined;
      const result = await scanUnit(msg, settings!, (bytes) => port.postMessage({ type: 'progress', bytes }), into, claim);
      port.postMessage({ type: 'done', result: packResult(result) });
    } catch (err) {
      port.postMessage({ type: 'error', index: msg.index, message: (err as Error).stack ?? String(err) });
    }
  }

  port.on('message', (msg: WorkerMessage) => {
    waiting.push(msg);
    if (!busy) void work();
  });

  // Booted: the pool hands out work as threads come free, this one from now (see whenReady).
  port.postMessage({ type: 'ready' });
}
