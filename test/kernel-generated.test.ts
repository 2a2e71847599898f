/**
 * The kernel's copy of the rules' data (src/wasm/generated.ts) is what the build writes from their homes
 * in src/, and the built kernel reads it: every watched key fills its own slot and nothing else does.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Kind, LineFields, Type, WATCHED } from '../src/fast/json-line.js';
import { validateBytes } from '../src/fast/kernel-pool.js';
import { COUNT_CODES_MAX } from '../src/fast/kernel-layout.js';
import { GENERATED_PATH, kernelSource, nibbleTables } from '../src/fast/kernel-source.js';

const root = new URL('../', import.meta.url);

describe('the generated kernel data', () => {
  it('is what regenerating writes now (the build ran after the last change of a rule)', () => {
    expect(readFileSync(new URL(GENERATED_PATH, root), 'utf8')).toBe(kernelSource());
  });

  it('says it is generated and from where', () => {
    const head = kernelSource().split('\n', 4).join('\n');
    expect(head).toContain('GENERATED');
    expect(head).toContain('src/fast/kernel-layout.ts');
  });

  it('is in the built kernel: its exported COUNT_CODES_MAX is the layout one', () => {
    const wasm = readFileSync(new URL('dist/wasm/kernels.wasm', root));
    const instance = new WebAssembly.Instance(new WebAssembly.Module(wasm), {});
    expect((instance.exports.COUNT_CODES_MAX as { value: number }).value).toBe(COUNT_CODES_MAX);
  });
});

describe('nibble tables (a class tested 16 bytes at a time)', () => {
  const inClass = (t: number[], c: number): boolean => (t[c & 15]! & t[16 + (c >> 4)]!) !== 0;

  it('tell exactly the bytes of a class', () => {
    const table = new Uint8Array(256);
    for (const c of Buffer.from('az09.-_%+AZ')) table[c] = 2;
    table[0xc3] = 2;
    const t = nibbleTables(table, 2);
    for (let c = 0; c < 256; c++) expect(inClass(t, c), `byte ${c}`).toBe(table[c] === 2);
  });

  it('fail the build for a class they cannot tell (more than 8 sets of low nibbles)', () => {
    const table = new Uint8Array(256);
    // High nibble h holds low nibbles 0..h: nine different sets.
    for (let h = 0; h < 9; h++) for (let l = 0; l <= h; l++) table[(h << 4) | l] = 1;
    expect(() => nibbleTables(table, 1)).toThrow(/9 nibble sets/);
  });
});

describe('the built kernel watches exactly the keys of WATCHED', () => {
  const only = (text: string): number[] => {
    const fields = new LineFields();
    expect(validateBytes(Buffer.from(text), fields)).toBe(Kind.Object);
    return WATCHED.map((_, slot) => slot).filter((slot) => fields.type(slot) !== Type.None);
  };

  it.each(WATCHED.map((key, slot) => [key, slot] as const))('%s fills slot %i only', (key, slot) => {
    expect(only(`{"${key}":"x"}`)).toEqual([slot]);
  });

  it('leaves keys that are not watched, or differ in case or by a byte', () => {
    expect(only('{"CODE":"x","codes":"x","cod":"x","errorcode":"x","Error_Code":"x","TimeStamp":"x","e-mail":"x","":"x"}')).toEqual([]);
  });
});
