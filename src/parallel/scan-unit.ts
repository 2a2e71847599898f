import { scanFile } from '../scan.js';
import type { FileSettings } from '../model/settings.js';
import { newTally } from '../summary/tally.js';
import type { Unit, UnitResult } from './protocol.js';

/**
 * Scans one unit into a tally of its own: what a worker thread runs. Apart from the protocol, so that
 * the protocol (which the pool in scan.ts uses) does not import scan.ts back.
 */
export async function scanUnit(msg: Unit, s: FileSettings, progress?: (bytes: number) => void): Promise<UnitResult> {
  const tally = newTally();
  const stat = await scanFile(msg.input, s, tally, progress);
  return { index: msg.index, tally, records: stat.records, lastTime: stat.lastTime };
}
