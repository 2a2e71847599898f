import { readFileSync } from 'node:fs';
import { Kind, LineFields, type Type } from './json-line.js';

// The kernels are built from src/wasm/kernels.ts into dist/wasm/ (tests that run the sources use the build).
const WASM = import.meta.url.endsWith('.ts')
  ? new URL('../../dist/wasm/kernels.wasm', import.meta.url)
  : new URL('../wasm/kernels.wasm', import.meta.url);

let compiled: WebAssembly.Module | undefined;

interface Exports {
  readonly memory: WebAssembly.Memory;
  heapBase(): number;
  fields(): number;
  validate(s: number, e: number): number;
  emails(s: number, e: number): number;
  emailsOut(): number;
}

/** Room for this many addresses per `emails` call (as the kernel has it). */
const MAX_EMAILS = 1024;

/** Receives the e-mail addresses the kernel finds: offsets in the buffer and the lower-cased hash. */
export interface EmailSink {
  email(s: number, e: number, hash: number): void;
}

const PAGE = 65536;
const SLOTS = 13;

/**
 * One instance of the byte kernels with its own memory: a scanner's buffer lives in that memory (from
 * `base` on), so the kernels read it where it is, without a copy.
 */
export class Kernel {
  private readonly x: Exports;
  private readonly base: number;
  private readonly fieldsAt: number;
  private readonly emailsAt: number;
  private u8: Uint8Array;
  private i32: Int32Array;

  constructor() {
    compiled ??= new WebAssembly.Module(readFileSync(WASM));
    this.x = new WebAssembly.Instance(compiled, {}).exports as unknown as Exports;
    this.base = this.x.heapBase();
    this.fieldsAt = this.x.fields();
    this.emailsAt = this.x.emailsOut();
    this.u8 = new Uint8Array(this.x.memory.buffer);
    this.i32 = new Int32Array(this.x.memory.buffer);
  }

  /** A buffer of n bytes in the kernel's memory; what the previous one held stays (memory grows in place). */
  room(n: number): Buffer {
    const need = this.base + n - this.x.memory.buffer.byteLength;
    if (need > 0) {
      this.x.memory.grow(Math.ceil(need / PAGE));
      this.u8 = new Uint8Array(this.x.memory.buffer);
      this.i32 = new Int32Array(this.x.memory.buffer);
    }
    return Buffer.from(this.x.memory.buffer, this.base, n);
  }

  /**
   * Validates buf[s, e) (buf from `room`) as one JSON text and puts the watched top-level fields into
   * `fields` (offsets in buf). Never valid where JSON.parse would throw: anything doubtful is Unsure.
   */
  validate(s: number, e: number, fields: LineFields): Kind {
    const kind = this.x.validate(this.base + s, this.base + e) as Kind;
    fields.next();
    if (kind !== Kind.Object) return kind;
    const u8 = this.u8;
    const i32 = this.i32;
    let present = i32[(this.fieldsAt + SLOTS * 16) >> 2]!;
    while (present !== 0) {
      const slot = 31 - Math.clz32(present & -present);
      present &= present - 1;
      const at = this.fieldsAt + slot * 16;
      fields.set(slot, u8[at]! as Type);
      fields.escaped[slot] = u8[at + 1]!;
      fields.start[slot] = i32[(at + 4) >> 2]! - this.base;
      fields.end[slot] = i32[(at + 8) >> 2]! - this.base;
      fields.hash[slot] = i32[(at + 12) >> 2]! >>> 0;
    }
    return kind;
  }

  /** Reports the e-mail addresses in buf[s, e) (buf from `room`), in order. */
  emails(s: number, e: number, sink: EmailSink): void {
    const base = this.base;
    for (let from = base + s; ; ) {
      const n = this.x.emails(from, base + e);
      const i32 = this.i32;
      for (let k = 0, at = this.emailsAt >> 2; k < n; k++, at += 3) sink.email(i32[at]! - base, i32[at + 1]! - base, i32[at + 2]! >>> 0);
      if (n < MAX_EMAILS) return;
      from = i32[(this.emailsAt >> 2) + MAX_EMAILS * 3]!;
    }
  }
}

let shared: Kernel | undefined;

/** Validates bytes that are not in a kernel's memory (they are copied in first): for tests and tools. */
export function validateBytes(bytes: Uint8Array, fields: LineFields): Kind {
  shared ??= new Kernel();
  const buf = shared.room(Math.max(bytes.length, 1));
  buf.set(bytes);
  return shared.validate(0, bytes.length, fields);
}
