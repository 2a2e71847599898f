import fs from 'node:fs';
import os from 'node:os';

/** What a reader needs to compare numbers from two machines. */
export function machineInfo() {
  let cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  try {
    const m = /^model name\s*:\s*(.+)$/m.exec(fs.readFileSync('/proc/cpuinfo', 'utf8'));
    if (m !== null) cpu = /** @type {string} */ (m[1]).trim();
  } catch {
    // Not Linux: os.cpus() has it.
  }
  return {
    cpu,
    cores: os.availableParallelism(),
    ramGiB: os.totalmem() / 1024 ** 3,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
  };
}
