// The English names the time forms read (src/wasm/time-months.ts and time-parts.ts read them from the
// generated tables; DATE_MARK in record.ts is built from them).

/** The months, in order: a time names one by its first three letters or all of it, in any case. */
export const MONTH_NAMES = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'] as const;

/** The weekdays' first three letters (JavaScript's Date.toString and RFC 2822 start with one). */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/**
 * The areas of the IANA zones' names (`Europe/Berlin`): a time followed by one is in a zone mxscan cannot
 * apply (PHP's error log), so it is none rather than hours off.
 */
export const ZONE_AREAS = ['Africa', 'America', 'Antarctica', 'Arctic', 'Asia', 'Atlantic', 'Australia', 'Europe', 'Indian', 'Pacific', 'Etc'] as const;

/**
 * Zone abbreviations after a time, as Java's Date.toString, Go's time formats, PostgreSQL's `%m` and RFC 2822
 * write them (`11:14:02 CEST`, `Tue, 07 Apr 2026 05:14:02 EDT`): each its offset from UTC in minutes, in
 * capitals as written. `UTC`, `GMT`, `UT` and `Z` are read apart (in any case, an offset glued after them).
 * Names that more than one zone uses are not here (`CST`: US Central, China, Cuba; `IST`: India, Ireland,
 * Israel; `BST`: Britain, Bangladesh; `AST`: Atlantic, Arabia), nor those a log's words may be (`WEST`, a
 * region; `PKT`, a packet): a time followed by one is read in --tz.
 */
export const ZONE_ABBREVIATIONS: Readonly<Record<string, number>> = {
  WET: 0, CET: 60, CEST: 120, MET: 60, MEST: 120, EET: 120, EEST: 180, MSK: 180,
  EST: -300, EDT: -240, CDT: -300, MST: -420, MDT: -360, PST: -480, PDT: -420, AKST: -540, AKDT: -480, HST: -600,
  NST: -210, NDT: -150, ADT: -180,
  SAST: 120, WIB: 420, HKT: 480, SGT: 480, AWST: 480, JST: 540, KST: 540, ACST: 570, ACDT: 630, AEST: 600,
  AEDT: 660, NZST: 720, NZDT: 780,
};
