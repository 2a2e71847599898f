// A code's files: with many small files, adding each to a Set was the scan's costliest line (20,000 files
// and 15 codes: 300,000 adds into large hash tables). One scan reads its files in path order, so a code's
// files mostly come increasing: while they do, a plain list holds them (each one bigger than the last is
// new); the first that does not moves them into the Set itself, which then works as any Set.

/** A Set of paths, the same to every reader (size, has, iteration in insertion order); made empty. */
export class FileSet extends Set<string> {
  /** While defined: the members, in increasing order (the Set's own table is empty). */
  private sorted: string[] | undefined = [];

  override add(file: string): this {
    const list = this.sorted;
    if (list !== undefined) {
      if (list.length === 0 || file > list[list.length - 1]!) {
        list.push(file);
        return this;
      }
      this.settle();
    }
    return super.add(file);
  }

  /** The listed members go into the Set's own table, in their order, for good. */
  private settle(): void {
    const list = this.sorted;
    if (list === undefined) return;
    this.sorted = undefined;
    for (const f of list) super.add(f);
  }

  override get size(): number {
    return this.sorted !== undefined ? this.sorted.length : super.size;
  }

  override has(file: string): boolean {
    this.settle();
    return super.has(file);
  }

  override delete(file: string): boolean {
    this.settle();
    return super.delete(file);
  }

  override clear(): void {
    this.settle();
    super.clear();
  }

  override forEach(fn: (value: string, key: string, set: Set<string>) => void, thisArg?: unknown): void {
    this.settle();
    super.forEach(fn, thisArg);
  }

  // Reading the members in order needs no table: the list is read as it is (an iteration still open when a
  // path not bigger than the last is added does not see it, nor what comes after: no reader adds while it reads).
  override keys(): SetIterator<string> {
    return this.values();
  }

  override values(): SetIterator<string> {
    return this.sorted !== undefined ? (this.sorted.values() as SetIterator<string>) : super.values();
  }

  override entries(): SetIterator<[string, string]> {
    this.settle();
    return super.entries();
  }

  override [Symbol.iterator](): SetIterator<string> {
    return this.values();
  }
}
