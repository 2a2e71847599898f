import { parentPort } from 'node:worker_threads';
import type { FileSettings } from '../model/settings.js';
import { settingsFromJson, type WorkerMessage } from './protocol.js';
import { scanUnit } from '../scan.js';
import { newTally, type Tally } from '../summary/tally.js';

/**
 * A worker thread: scans the units it is sent, one at a time (and tells how many bytes it has read, now and
 * then, for the progress bar). Whole files are counted into one tally, posted back when it is told the
 * units are done; a byte range's tally is posted back with it. It may be started before its settings are
 * known: they come with the first unit.
 */
const port = parentPort!;
let settings: FileSettings | undefined;
let kept: Tally | undefined;

port.on('message', (msg: WorkerMessage) => {
  if ('end' in msg) {
    port.postMessage({ type: 'done', result: { index: -1, tally: kept ?? newTally(), records: 0, lastTime: null } });
    kept = undefined;
    return;
  }
  if (msg.settings !== undefined) settings = settingsFromJson(msg.settings);
  const into = msg.input.range === undefined ? (kept ??= newTally(settings!.accountList === true)) : undefined;
  scanUnit(msg, settings!, (bytes) => port.postMessage({ type: 'progress', bytes }), into).then(
    (result) => port.postMessage({ type: 'done', result }),
    (err: unknown) => port.postMessage({ type: 'error', index: msg.index, message: (err as Error).stack ?? String(err) }),
  );
});
