// Byte kernels in AssemblyScript, compiled to WebAssembly (dist/wasm/kernels.wasm) by `npm run build`: this
// entry names what the module exports; each job has its own file. They run over the scanners' buffers,
// which live in this module's memory from heapBase() on. What they decide is proven against JSON.parse and
// the split2 readers by the project's property tests. generated.ts is written by the build from the
// rules' homes in src/ (see src/fast/kernel-source.ts).
export { accountCount, accountId, accountNamesAt, accountRank, accountBytes, emails, seeEmails, setAccounts } from './accounts';
export { seenList, seenListed, seenRegisters, seenReset } from './seen';
export {
  accountCountsAt, accountsBusy, accountsReset, bucketsTaken, bucketsWaiting, countBytes, countedOut, countsEnd, countsReset, setCounts,
  awaitEvidence, setSteady,
} from './counting';
export { COUNT_CODES_MAX } from './generated';
export { elementEnd } from './elements';
export { notJson, validate } from './json-text';
export { scopeNoted } from './json-scope';
export { scopeState, watchScopes } from './json-scopes';
export { keysOut, watch } from './keys';
export { watchNested } from './keys';
export { jsonlMalformed, scanJsonl } from './jsonl';
export { jsonlHeaded, objectAt, objectHeadTimed } from './jsonl-lines';
export { jsonlAskReset, jsonlAsked, jsonlCarries, jsonlGive, jsonlHeadAt, jsonlHeadEnd, jsonlPlace, jsonlPlaced, jsonlSkipped } from './json-records';
export { arrayFirst, arrayLast, arrayNote, arrayReset, arrayUntimed, scanJsonArray, scopeHeld } from './json-array';
export { bucketsOut, emailsOut, fields, heapBase, textOut } from './memory';
export { pieceWords, scanText } from './text';
export { dateOrdersTaken, epochTime, lineCarried, lineTimeOf, timeFurtherIn, timeIn, timeOf } from './times';
import { lineSource } from './times';

/** The source of the line read last from its start (src/wasm/times.ts lineSource), for a caller that reads lines itself. */
export function lineSourceRead(): u32 {
  return lineSource;
}
export { pairTime, timeHeld, valueTime, valueWasDate } from './time-values';
export { clockFirst } from './line-heads';
export { clockAfter, formatAt, timeRulesAt, zoneChanged, zonesAt } from './time-civil';
export { codeHash, setCatalog } from './words';
export { lineTimes } from './line-times';
export { clockOffsetRead, clockRead, clockTime, jsonJoined, jsonJoinedOutside, textCountedAt, textFirstTime, textLastTime, textCountedAtStart, textRecordLine, textRecords, textRecordsOutside, textRecordsReset, textRecordsUntimed } from './records';
export { setWindow, timesOut } from './window';
export { csvColumns, csvLeft, csvOutside, csvRecordTime, csvReset, csvState, scanCsv } from './csv';
export { csvUnknown, csvUnknownCounts } from './csv-unknown';
