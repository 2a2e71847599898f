import { parentPort, workerData } from 'node:worker_threads';
import { settingsFromJson, scanUnitToJson, type SettingsJson, type UnitMessage } from './protocol.js';

/**
 * A worker thread: scans the units it is sent, one at a time, and posts back each unit's tally as JSON
 * (and how many bytes it has read, now and then, for the progress bar).
 */
const port = parentPort!;
const settings = settingsFromJson(workerData as SettingsJson);

port.on('message', (msg: UnitMessage) => {
  scanUnitToJson(msg, settings, (bytes) => port.postMessage({ type: 'progress', bytes })).then(
    (result) => port.postMessage({ type: 'done', result }),
    (err: unknown) => port.postMessage({ type: 'error', index: msg.index, message: (err as Error).stack ?? String(err) }),
  );
});
