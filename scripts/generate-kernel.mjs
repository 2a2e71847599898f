// Writes src/wasm/generated.ts, the kernel's copy of the rules' data, from the compiled TypeScript in dist/
// (the build runs tsc first, then this, then asc).
import { writeFileSync } from 'node:fs';
import { GENERATED_PATH, kernelSource } from '../dist/fast/kernel-source.js';

writeFileSync(new URL(`../${GENERATED_PATH}`, import.meta.url), kernelSource());
