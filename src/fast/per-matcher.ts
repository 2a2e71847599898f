import type { Matcher } from '../extract/matcher.js';

/**
 * A table derived from a catalog, built once per matcher (a scan, or a worker) and shared by every file it
 * scans: making it per file cost more than scanning a small file.
 */
export function perMatcher<T>(make: (m: Matcher) => T): (m: Matcher) => T {
  const cache = new WeakMap<Matcher, { value: T }>();
  return (m) => {
    let hit = cache.get(m);
    if (hit === undefined) {
      hit = { value: make(m) };
      cache.set(m, hit);
    }
    return hit.value;
  };
}
