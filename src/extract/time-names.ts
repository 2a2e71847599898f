// The English names the time forms read (src/wasm/time-months.ts reads them from the generated tables;
// DATE_MARK in record.ts is built from them).

/** The months, in order: a time names one by its first three letters or all of it, in any case. */
export const MONTH_NAMES = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'] as const;

/** The weekdays' first three letters (JavaScript's Date.toString and RFC 2822 start with one). */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/**
 * The areas of the IANA zones' names (`Europe/Berlin`): a time followed by one is in a zone mxscan cannot
 * apply (PHP's error log), so it is none rather than hours off.
 */
export const ZONE_AREAS = ['Africa', 'America', 'Antarctica', 'Arctic', 'Asia', 'Atlantic', 'Australia', 'Europe', 'Indian', 'Pacific', 'Etc'] as const;
