/** Edit distance (Levenshtein) between two strings: how many one-character edits turn `a` into `b`. */
export function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur[j] = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
    }
    prev = cur;
  }
  return prev[b.length] ?? 0;
}

/** A key a settings file may not hold, said with the nearest one it may (or `otherwise` when none is near). */
export function unknownKey(key: string, keys: readonly string[], otherwise = ''): string {
  const near = nearestWord(keys, key);
  return `unknown key ${JSON.stringify(key)}${near !== undefined ? ` (did you mean ${JSON.stringify(near)}?)` : otherwise}`;
}

/** The word nearest to `query` (ignoring case), when it is close enough to be what was meant. */
export function nearestWord(words: readonly string[], query: string): string | undefined {
  const q = query.toLowerCase();
  let best: { w: string; d: number } | undefined;
  for (const w of words) {
    const d = distance(q, w.toLowerCase());
    if (best === undefined || d < best.d || (d === best.d && w < best.w)) best = { w, d };
  }
  return best !== undefined && best.d <= Math.min(3, Math.max(2, Math.floor(q.length / 3))) ? best.w : undefined;
}
