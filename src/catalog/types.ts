/** Notification levels, most urgent first. */
export const LEVELS = ['ERROR', 'WARN', 'INFO'] as const;
export type Level = (typeof LEVELS)[number];

/** One row of the vendor's error-code table. */
export interface CatalogEntry {
  readonly module: string;
  readonly code: string;
  readonly type: string;
  readonly level: Level;
  readonly description: string;
  readonly action: string;
}

/** Rank of a level: 0 for ERROR, the most urgent. */
export function levelRank(level: Level): number {
  return LEVELS.indexOf(level);
}

/** Accepts ERROR, WARN, WARNING and INFO in any case; the page's legend says WARNING where its table says WARN. */
export function normalizeLevel(value: string): Level | undefined {
  const v = value.trim().toUpperCase();
  if (v === 'WARNING') return 'WARN';
  return (LEVELS as readonly string[]).includes(v) ? (v as Level) : undefined;
}
