// The kernel's own memory: where each job writes what the caller reads (its layout is src/fast/kernel-layout.ts,
// via generated.ts). The scanners' buffers follow, from heapBase() on.
import { BUCKET_BYTES, BUCKETS_MAX, EMAIL_WORDS, FIELD_BYTES, MAX_DEPTH, MAX_EMAILS, SLOTS, TEXT_OUT_WORDS } from './generated';

/** The watched fields of the last validated line: FIELD_BYTES per slot, then the mask of the slots it set. */
export const FIELDS: usize = memory.data(SLOTS * FIELD_BYTES + 16, 16);
export const PRESENT: usize = FIELDS + <usize>(SLOTS * FIELD_BYTES);
/** Open containers of the JSON validator: 1 for an object, 2 for an array. */
export const STACK: usize = memory.data(MAX_DEPTH + 1, 16);
/** What scanText and scanJsonl write; after it the lines a call read and where the next should go on from. */
export const TEXT_OUT: usize = memory.data(TEXT_OUT_WORDS * 4 + 16, 16);
export const TEXT_LINES: usize = TEXT_OUT + <usize>TEXT_OUT_WORDS * 4;
/** Where `emails` writes, and where a call that filled it should go on from. */
export const EMAILS: usize = memory.data(MAX_EMAILS * EMAIL_WORDS * 4 + 16, 16);
export const RESUME: usize = EMAILS + <usize>(MAX_EMAILS * EMAIL_WORDS * 4);
/** Finished minutes for the caller to take. */
export const BUCKETS: usize = memory.data(BUCKETS_MAX * BUCKET_BYTES + 16, 16);

/** Output word w of TEXT_OUT. */
@inline export function outAt(w: i32): usize {
  return TEXT_OUT + (<usize>w << 2);
}

/** Where the scanners' buffers start. */
export function heapBase(): usize {
  return (__heap_base + 15) & ~15;
}

/** Where the watched fields of the last validated line are (and after them, the mask of those set). */
export function fields(): usize {
  return FIELDS;
}

export function textOut(): usize {
  return TEXT_OUT;
}

export function emailsOut(): usize {
  return EMAILS;
}

export function bucketsOut(): usize {
  return BUCKETS;
}
