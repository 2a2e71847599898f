import { createHash } from 'node:crypto';
import { ScanError } from '../errors.js';

/** One of N slices of a scan's inputs: index from 1 to count, as `--shard I/N` names it. */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

/** What a partial report made with `--shard` records, so that `merge` can check the set is whole. */
export interface ShardInfo extends Shard {
  /** sha256 of every discovered input (path and size) before slicing: the shards of one scan share it. */
  readonly inputs: string;
}

/**
 * The variables array-job engines set to a task's index, in the order they are read: Kubernetes Indexed
 * Jobs, Slurm job arrays, AWS Batch array jobs, Cloud Run jobs. All but Slurm count from 0; a Slurm array's
 * ids are what the user gave `--array`, so its first id (SLURM_ARRAY_TASK_MIN) is taken away.
 */
export const SHARD_ENV = ['JOB_COMPLETION_INDEX', 'SLURM_ARRAY_TASK_ID', 'AWS_BATCH_JOB_ARRAY_INDEX', 'CLOUD_RUN_TASK_INDEX'] as const;

const whole = (s: string | undefined): number | undefined => (s !== undefined && /^[0-9]{1,9}$/.test(s.trim()) ? Number(s.trim()) : undefined);

/** `--shard I/N` (1 ≤ I ≤ N), or `--shard auto/N` with the index from an array-job variable (counted from 0). */
export function parseShard(value: string, env: Readonly<Record<string, string | undefined>>): Shard {
  const m = /^\s*([0-9]+|auto)\s*\/\s*([0-9]+)\s*$/.exec(value);
  const count = m === null ? undefined : whole(m[2]);
  if (m === null || count === undefined || count < 1) {
    throw new ScanError('USAGE', `--shard: expected I/N (like 2/4) or auto/N, got ${JSON.stringify(value)}`);
  }
  if (m[1] !== 'auto') {
    const index = whole(m[1]);
    if (index === undefined || index < 1 || index > count) throw new ScanError('USAGE', `--shard ${value}: the index counts from 1 to ${count}`);
    return { index, count };
  }
  const name = SHARD_ENV.find((k) => env[k] !== undefined && env[k] !== '');
  if (name === undefined) throw new ScanError('USAGE', `--shard auto/${count}: none of ${SHARD_ENV.join(', ')} is set`);
  const raw = env[name]!;
  let index = whole(raw);
  if (index === undefined) throw new ScanError('USAGE', `--shard auto/${count}: ${name}=${JSON.stringify(raw)} is not a whole number`);
  if (name === 'SLURM_ARRAY_TASK_ID') {
    const min = whole(env['SLURM_ARRAY_TASK_MIN']);
    const tasks = whole(env['SLURM_ARRAY_TASK_COUNT']);
    if (tasks !== undefined && tasks !== count) {
      throw new ScanError('USAGE', `--shard auto/${count}: the Slurm array has ${tasks} tasks (SLURM_ARRAY_TASK_COUNT); submit it with --array=0-${count - 1}`);
    }
    if (min !== undefined) index -= min;
  }
  if (index < 0 || index >= count) {
    throw new ScanError('USAGE', `--shard auto/${count}: ${name}=${raw} gives task index ${index}, not below ${count} (array indexes count from 0: run ${count} tasks, 0 to ${count - 1})`);
  }
  return { index: index + 1, count };
}

/** An input to slice, with its size in bytes. */
export interface Sized {
  readonly path: string;
  readonly size: number;
}

/**
 * The inputs of one shard, in path order. Largest first (ties by path), each input goes to the shard with
 * the fewest bytes so far (ties: the fewest inputs, then the lowest index), so empty files spread too:
 * every input lands in exactly one shard, the same one
 * on every machine that sees the same inputs, and no shard holds more than the lightest one plus its
 * largest input.
 */
export function sliceShard<T extends Sized>(inputs: readonly T[], shard: Shard): T[] {
  const byPath = (a: Sized, b: Sized): number => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
  const order = [...inputs].sort((a, b) => b.size - a.size || byPath(a, b));
  const load = new Array<number>(shard.count).fill(0);
  const held = new Array<number>(shard.count).fill(0);
  const mine: T[] = [];
  for (const input of order) {
    let k = 0;
    for (let j = 1; j < load.length; j++) if (load[j]! < load[k]! || (load[j] === load[k] && held[j]! < held[k]!)) k = j;
    load[k]! += input.size;
    held[k]!++;
    if (k === shard.index - 1) mine.push(input);
  }
  return mine.sort(byPath);
}

/** The fingerprint of the inputs a sharded scan slices (every shard of one scan computes the same). */
export function inputsDigest(inputs: readonly Sized[]): string {
  const h = createHash('sha256');
  for (const i of [...inputs].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) h.update(`${i.path}\0${i.size}\n`);
  return h.digest('hex');
}

/** `--label NAME`: what a scan's inputs are called (stdin takes the name, files get `NAME:` before their path). */
export function checkLabel(label: string): string {
  if (label === '' || /[\u0000-\u001f\u007f]/.test(label)) throw new ScanError('USAGE', `--label: expected a name without control characters, got ${JSON.stringify(label)}`);
  return label;
}
