import fc from 'fast-check';

/** Bytes that break structure: quotes, brackets, separators, line ends, NUL, invalid UTF-8, escapes. */
export const INSERTS = ['"', '{', '[', ',', '\n', '\r', '\0', '\xff', '}', ']', '\\', '\r\n', ':'].map((s) => Buffer.from(s, 'latin1'));

/** One edit of a byte string; positions are taken modulo the length when applied. */
export type Mutation =
  | { op: 'flip'; at: number; bit: number }
  | { op: 'insert'; at: number; what: number }
  | { op: 'truncate'; at: number }
  | { op: 'duplicate'; at: number; len: number; to: number }
  | { op: 'delete'; at: number; len: number };

export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('flip' as const), at: fc.nat(), bit: fc.integer({ min: 0, max: 7 }) }),
  fc.record({ op: fc.constant('insert' as const), at: fc.nat(), what: fc.integer({ min: 0, max: INSERTS.length - 1 }) }),
  fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('duplicate' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 64 }), to: fc.nat() }),
  fc.record({ op: fc.constant('delete' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 16 }) }),
);

/** Applies the mutations in order. */
export function mutate(bytes: Buffer, mutations: readonly Mutation[]): Buffer {
  let b = Buffer.from(bytes);
  for (const m of mutations) {
    const n = b.length;
    switch (m.op) {
      case 'flip':
        if (n > 0) b[m.at % n] = b[m.at % n]! ^ (1 << m.bit);
        break;
      case 'insert': {
        const at = m.at % (n + 1);
        b = Buffer.concat([b.subarray(0, at), INSERTS[m.what]!, b.subarray(at)]);
        break;
      }
      case 'truncate':
        b = b.subarray(0, m.at % (n + 1));
        break;
      case 'duplicate': {
        if (n === 0) break;
        const at = m.at % n;
        const slice = Buffer.from(b.subarray(at, at + m.len));
        const to = m.to % (n + 1);
        b = Buffer.concat([b.subarray(0, to), slice, b.subarray(to)]);
        break;
      }
      case 'delete': {
        if (n === 0) break;
        const at = m.at % n;
        b = Buffer.concat([b.subarray(0, at), b.subarray(at + m.len)]);
        break;
      }
    }
  }
  return b;
}
