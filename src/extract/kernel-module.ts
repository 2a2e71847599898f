// The compiled byte kernel (src/wasm/, built to dist/wasm/kernels.wasm): compiled once per thread, for the
// scanners' kernels (src/fast/kernels.ts) and the time reader (timestamp.ts).
import { readFileSync } from 'node:fs';

// Tests that run the sources use the build.
const WASM = import.meta.url.endsWith('.ts')
  ? new URL('../../dist/wasm/kernels.wasm', import.meta.url)
  : new URL('../wasm/kernels.wasm', import.meta.url);

let compiled: WebAssembly.Module | undefined;

/** The kernel module, compiled on first use. */
export function kernelModule(): WebAssembly.Module {
  compiled ??= new WebAssembly.Module(readFileSync(WASM));
  return compiled;
}
