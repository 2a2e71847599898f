/**
 * How many cases a long property run tries: all of them under `npm run test:slow` (MXSCAN_SLOW=1, which
 * runs the property test files too), a third (at least 20) under `npm test`, which must stay under two
 * minutes. Seeds are fixed: the shorter run tries the first cases of the longer one.
 */
export const runs = (n: number): number => (process.env['MXSCAN_SLOW'] === '1' ? n : Math.max(20, Math.round(n / 3)));
