import fc from 'fast-check';
import type { TimeWindow } from '../../src/summary/window.js';

/**
 * Edges of a window for logs whose times lie around 1999–2031 and 2026-03-18T10:00Z: before all of them,
 * among them (on a time the logs use, so the edges' ≤ and < are tried), after them, or none.
 */
const edge = fc.oneof(
  { weight: 1, arbitrary: fc.constant(null) },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      Date.UTC(1990, 0, 1),
      Date.UTC(2040, 0, 1),
      Date.UTC(2026, 2, 18, 10, 0, 0),
      Date.UTC(2026, 2, 18, 10, 0, 30),
      Date.UTC(2026, 2, 18, 10, 1, 0),
      Date.UTC(2026, 2, 18, 8, 0, 0),
    ),
  },
  { weight: 2, arbitrary: fc.integer({ min: 1999, max: 2032 }).map((y) => Date.UTC(y, 0, 1)) },
);

/** A window with at least one edge. */
export const windowArb: fc.Arbitrary<TimeWindow> = fc
  .record({ since: edge, until: edge })
  .filter((w) => w.since !== null || w.until !== null);
