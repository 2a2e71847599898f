/**
 * Sift-down of a binary max-heap kept in parallel arrays (the bounded account maps): `above(i, j)` says
 * entry i belongs nearer the root than entry j, `swap(i, j)` exchanges them in every array.
 */
export function siftDown(n: number, i: number, above: (i: number, j: number) => boolean, swap: (i: number, j: number) => void): void {
  for (;;) {
    const l = 2 * i + 1;
    const r = l + 1;
    let top = i;
    if (l < n && above(l, top)) top = l;
    if (r < n && above(r, top)) top = r;
    if (top === i) return;
    swap(i, top);
    i = top;
  }
}
