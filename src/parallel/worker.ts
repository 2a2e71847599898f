import { parentPort } from 'node:worker_threads';
import type { FileSettings } from '../model/settings.js';
import { settingsFromJson, type UnitMessage } from './protocol.js';
import { scanUnit } from '../scan.js';

/**
 * A worker thread: scans the units it is sent, one at a time, and posts back each unit's tally
 * (and how many bytes it has read, now and then, for the progress bar). It may be started before its
 * settings are known: they come with the first unit.
 */
const port = parentPort!;
let settings: FileSettings | undefined;

port.on('message', (msg: UnitMessage) => {
  if (msg.settings !== undefined) settings = settingsFromJson(msg.settings);
  scanUnit(msg, settings!, (bytes) => port.postMessage({ type: 'progress', bytes })).then(
    (result) => port.postMessage({ type: 'done', result }),
    (err: unknown) => port.postMessage({ type: 'error', index: msg.index, message: (err as Error).stack ?? String(err) }),
  );
});
