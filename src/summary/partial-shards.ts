import { ScanError } from '../errors.js';
import type { Shard, ShardInfo } from '../input/shard.js';

/** Shards as a message names them: "shard 2/4", "shards 1/4, 2/4". */
export function shardNames(shards: readonly Shard[]): string {
  return `${shards.length > 1 ? 'shards' : 'shard'} ${shards.map((s) => `${s.index}/${s.count}`).join(', ')}`;
}

/**
 * The shards a merge has read, by sharded scan: the partials of one `--shard I/N` scan share N and the
 * fingerprint of the inputs they were sliced from. Each set must hold every shard from 1 to N exactly once,
 * or the report would silently lack (or double) a slice of the inputs.
 */
export class ShardSets {
  private readonly sets = new Map<string, { count: number; seen: Map<number, string> }>();

  /** Records a partial's shard; a shard read twice is an error naming both sources. */
  add(shard: ShardInfo, where: string): void {
    const key = `${shard.count}/${shard.inputs}`;
    let set = this.sets.get(key);
    if (set === undefined) this.sets.set(key, (set = { count: shard.count, seen: new Map() }));
    const before = set.seen.get(shard.index);
    if (before !== undefined) {
      throw new ScanError('BAD_PARTIAL', `cannot merge ${where}: shard ${shard.index}/${shard.count} was already read from ${before}`);
    }
    set.seen.set(shard.index, where);
  }

  /** Every shard read. */
  all(): ShardInfo[] {
    return [...this.sets.entries()].flatMap(([key, set]) => [...set.seen.keys()].map((index) => ({ index, count: set.count, inputs: key.slice(key.indexOf('/') + 1) })));
  }

  /** Fails, naming the shards that are missing, unless every set is whole. */
  check(): void {
    const counts = [...this.sets.values()].map((s) => s.count);
    for (const set of this.sets.values()) {
      const missing: string[] = [];
      for (let i = 1; i <= set.count; i++) if (!set.seen.has(i)) missing.push(`${i}/${set.count}`);
      if (missing.length === 0) continue;
      const got = [...set.seen.keys()].sort((a, b) => a - b).map((i) => `${i}/${set.count}`);
      // Another set of the same N that is not whole either: the shards disagreed on their inputs.
      const split = counts.filter((c) => c === set.count).length > 1
        ? '; partials of the same N were sliced from different inputs (did files change between the shards\' scans, were they run from other directories, or do they come from different scans?)'
        : counts.length > 1 ? `; other partials have other shard counts (${[...new Set(counts)].sort((a, b) => a - b).join(', ')})` : '';
      const shown = missing.length > 10 ? `${missing.slice(0, 10).join(', ')} and ${missing.length - 10} more` : missing.join(', ');
      throw new ScanError(
        'BAD_PARTIAL',
        `shard${missing.length > 1 ? 's' : ''} ${shown} missing: ${got.length} of ${set.count} shards were given (${got.slice(0, 10).join(', ')}${got.length > 10 ? ', …' : ''})${split}; rerun the missing shard${missing.length > 1 ? 's' : ''} and merge again`,
      );
    }
  }
}
