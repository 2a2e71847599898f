/**
 * A local npm registry serving mxscan's runtime dependencies (those package-lock.json does not mark dev) from
 * the installed node_modules, so that installing the packed mxscan is tested without the network, and any
 * development dependency the install would need is a 404 that fails the test.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT } from './main.js';

interface LockEntry {
  version?: string;
  dev?: boolean;
  devOptional?: boolean;
}

export interface LocalRegistry {
  readonly url: string;
  /** Package names asked for that the registry does not hold (a dev dependency, or anything unexpected). */
  readonly misses: string[];
  close(): Promise<void>;
}

/** The runtime packages: name → version → directory under node_modules. */
function runtimePackages(): Map<string, Map<string, string>> {
  const lock = JSON.parse(readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> };
  const out = new Map<string, Map<string, string>>();
  for (const [where, e] of Object.entries(lock.packages)) {
    if (where === '' || e.dev === true || e.devOptional === true || e.version === undefined) continue;
    const name = where.slice(where.lastIndexOf('node_modules/') + 'node_modules/'.length);
    const versions = out.get(name) ?? new Map<string, string>();
    versions.set(e.version, path.join(ROOT, where));
    out.set(name, versions);
  }
  return out;
}

/** Starts the registry on a free local port. */
export async function startRegistry(): Promise<LocalRegistry> {
  const packages = runtimePackages();
  const tarballs = mkdtempSync(path.join(tmpdir(), 'mxscan-registry-'));
  const misses: string[] = [];
  let base = '';
  const server: Server = createServer((req, res) => {
    const url = decodeURIComponent((req.url ?? '/').split('?')[0]!);
    // Tarballs where npm's registry keeps them: /NAME/-/BASENAME-VERSION.tgz
    const tgz = /^\/(.+)\/-\/[^/]+-(\d[^/]*)\.tgz$/.exec(url);
    if (tgz !== null) {
      const dir = packages.get(tgz[1]!)?.get(tgz[2]!);
      if (dir === undefined) return void res.writeHead(404).end();
      const file = path.join(tarballs, `${tgz[1]!.replace('/', '+')}-${tgz[2]!}.tgz`);
      // An npm tarball: the package's files under package/, without its own nested node_modules.
      if (!existsSync(file)) execFileSync('tar', ['-czf', file, '--exclude=./node_modules', '--transform', 's,^\\.,package,', '-C', dir, '.']);
      res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(readFileSync(file));
      return;
    }
    const name = url.slice(1);
    const versions = packages.get(name);
    if (versions === undefined) {
      misses.push(name);
      return void res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not found"}');
    }
    const manifests = Object.fromEntries(
      [...versions].map(([version, dir]) => {
        const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as Record<string, unknown>;
        return [version, { ...pkg, name, version, dist: { tarball: `${base}/${name}/-/${name.slice(name.indexOf('/') + 1)}-${version}.tgz` } }];
      }),
    );
    const latest = [...versions.keys()].sort((a, b) => a.localeCompare(b, 'en', { numeric: true })).at(-1)!;
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ name, 'dist-tags': { latest }, versions: manifests }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: base,
    misses,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        rmSync(tarballs, { recursive: true, force: true });
      }),
  };
}
