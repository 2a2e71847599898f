// Type-checks the AssemblyScript kernel (src/wasm) with tsc and AssemblyScript's own types, unused code
// included (asc checks only what the module reaches). Two kinds of message are not the kernel's: TS1206,
// decorators such as @inline on functions (AssemblyScript's, which tsc does not know), and errors inside
// AssemblyScript's std declarations.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const tsc = fileURLToPath(new URL('../node_modules/typescript/bin/tsc', import.meta.url));
const project = fileURLToPath(new URL('../src/wasm/tsconfig.json', import.meta.url));
const run = spawnSync(process.execPath, [tsc, '-p', project, '--noEmit', '--pretty', 'false'], { encoding: 'utf8' });
const errors = `${run.stdout}${run.stderr}${run.error?.message ?? ''}`
  .split('\n')
  .filter((line) => line.trim() !== '' && !/error TS1206:/.test(line) && !/assemblyscript[\\/]std[\\/]/.test(line));
if (errors.length > 0) {
  process.stderr.write(`${errors.join('\n')}\n`);
  process.exitCode = 1;
}
