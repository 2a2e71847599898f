/**
 * An sshd of the tests' own on 127.0.0.1 only: its own config, host key and port in a temporary directory,
 * key login for the current user with a temporary key. GNU parallel reaches it as the host `mxscan-engine`
 * through the ssh config file it writes.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { userInfo } from 'node:os';
import path from 'node:path';
import { cannotRun, run, start } from './support.js';

export interface Sshd {
  readonly port: number;
  readonly pid: number;
  /** An ssh config file naming the host `mxscan-engine` (127.0.0.1, this port, the temporary key). */
  readonly config: string;
  stop(): void;
}

export const SSH_HOST = 'mxscan-engine';

/**
 * Why the ssh tests cannot run (undefined when they can): the sshd they start needs root. Under CI=true
 * that is a failure (see `cannotRun`), as a missing package is.
 */
export function sshSkip(uid: number | undefined = process.getuid?.(), env: Readonly<Record<string, string | undefined>> = process.env): string | undefined {
  return uid === 0 ? undefined : cannotRun('the ssh tests start their own sshd, which needs root', env);
}

/** A TCP port free on 127.0.0.1 just now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr !== null ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

/** Starts sshd in `dir` and waits until a key login works. */
export async function startSshd(dir: string): Promise<Sshd> {
  const user = userInfo().username;
  for (const key of ['host_key', 'client_key']) {
    const r = await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'mxscan-engine-test', '-f', path.join(dir, key)]);
    if (r.code !== 0) throw new Error(`ssh-keygen failed: ${r.err}`);
  }
  await run('cp', [path.join(dir, 'client_key.pub'), path.join(dir, 'authorized_keys')]);
  const port = await freePort();
  const sshdConfig = path.join(dir, 'sshd_config');
  writeFileSync(
    sshdConfig,
    [
      `Port ${port}`,
      'ListenAddress 127.0.0.1',
      `HostKey ${path.join(dir, 'host_key')}`,
      `PidFile ${path.join(dir, 'sshd.pid')}`,
      `AuthorizedKeysFile ${path.join(dir, 'authorized_keys')}`,
      `AllowUsers ${user}`,
      'PermitRootLogin prohibit-password',
      'PubkeyAuthentication yes',
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'UsePAM no',
      'StrictModes no',
      'X11Forwarding no',
      'AllowTcpForwarding no',
      'PrintMotd no',
      '',
    ].join('\n'),
  );
  const config = path.join(dir, 'ssh_config');
  writeFileSync(
    config,
    [
      `Host ${SSH_HOST}`,
      '  HostName 127.0.0.1',
      `  Port ${port}`,
      `  User ${user}`,
      `  IdentityFile ${path.join(dir, 'client_key')}`,
      '  IdentitiesOnly yes',
      '  StrictHostKeyChecking no',
      `  UserKnownHostsFile ${path.join(dir, 'known_hosts')}`,
      '  BatchMode yes',
      '  LogLevel ERROR',
      '',
    ].join('\n'),
  );
  // sshd wants its privilege separation directory, which only a running ssh service creates.
  mkdirSync('/run/sshd', { recursive: true });
  const server = start('/usr/sbin/sshd', ['-D', '-e', '-f', sshdConfig]);
  for (let i = 0; i < 100; i++) {
    const r = await run('ssh', ['-F', config, SSH_HOST, 'true'], { timeoutMs: 10_000 });
    if (r.code === 0) return { port, pid: server.pid, config, stop: server.stop };
    await new Promise((ok) => setTimeout(ok, 100));
  }
  server.stop();
  throw new Error(`sshd did not accept a key login on 127.0.0.1:${port}: ${server.output()}`);
}
