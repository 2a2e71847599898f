/**
 * GNU parallel, on this machine and over ssh to 127.0.0.1: the map step runs `mxscan scan … --shard {}/4
 * --partial` per shard, parallel prints each job's partial whole, and the reduce step is `mxscan merge -`
 * on that stream. The merged report must be the plain scan's, byte for byte.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sshSkip, startSshd, SSH_HOST, type Sshd } from './sshd.js';
import { BIN, NODE, ROOT, SCAN_ARGS, ensureTools, plainReport, run, sh, stopAll, tempDir } from './support.js';

const skip = ensureTools();
const SHARDS = 4;
const scanCmd = (extra: string): string => `cd ${sh(ROOT)} && ${sh(NODE)} ${sh(BIN)} scan ${SCAN_ARGS.map(sh).join(' ')} --partial -q --jobs 1 ${extra}`;
const shardsOf = (n: number): string[] => Array.from({ length: n }, (_, i) => String(i + 1));
const merge = (stream: string, format: 'json' | 'markdown') => run(NODE, [BIN, 'merge', '-', '-f', format, '-q', '--no-redact'], { input: stream });

describe.skipIf(skip !== undefined)('GNU parallel', () => {
  const temp = tempDir('mxscan-engines-parallel-');
  let sshd: Sshd | undefined;
  let plainJson = '';
  let plainMarkdown = '';
  beforeAll(async () => {
    plainJson = await plainReport('json');
    plainMarkdown = await plainReport('markdown');
  });
  afterAll(() => {
    sshd?.stop();
    stopAll();
    temp.remove();
  });

  it('locally: 4 shards on 2 job slots merge into the plain scan, JSON and markdown', async () => {
    const map = await run('parallel', ['--will-cite', '-j2', scanCmd(`--shard {}/${SHARDS}`), ':::', ...shardsOf(SHARDS)]);
    expect(map.err).toBe('');
    expect(map.code).toBe(0);
    expect(map.out.trim().split('\n')).toHaveLength(SHARDS);
    const json = await merge(map.out, 'json');
    expect(json.code).toBe(0);
    expect(json.out).toBe(plainJson);
    const md = await merge(map.out, 'markdown');
    expect(md.out).toBe(plainMarkdown);
  });

  it('a worker killed mid-run: parallel reports the failed job and merge fails with exit 2, naming the shard', async () => {
    // Shard 3's scan is killed (SIGKILL) 20 ms after it starts: node alone takes longer to start.
    const job = `if [ {} = 3 ]; then exec timeout -s KILL 0.02 sh -c ${sh(scanCmd('--shard {}/4'))}; else ${scanCmd('--shard {}/4')}; fi`;
    const map = await run('parallel', ['--will-cite', '-j4', job, ':::', ...shardsOf(SHARDS)]);
    expect(map.code).toBe(1);
    expect(map.out.trim().split('\n')).toHaveLength(3);
    const json = await merge(map.out, 'json');
    expect(json.code).toBe(2);
    expect(json.out).toBe('');
    expect(json.err).toBe('mxscan: shard 3/4 missing: 3 of 4 shards were given (1/4, 2/4, 4/4); rerun the missing shard and merge again\n');
  });

  // Not root: skipped outside CI, a failure under CI=true (sshSkip throws).
  describe.skipIf(sshSkip() !== undefined)('over ssh to 127.0.0.1', () => {
    beforeAll(async () => {
      sshd = await startSshd(temp.dir);
    });

    it('sshd listens on 127.0.0.1 only', async () => {
      const ss = await run('ss', ['-ltnpH']);
      const own = ss.out.split('\n').filter((l) => l.includes(`pid=${sshd!.pid},`));
      expect(own.map((l) => l.split(/\s+/)[3])).toEqual([`127.0.0.1:${sshd!.port}`]);
    });

    it('4 shards run by ssh merge into the plain scan', async () => {
      const map = await run('parallel', ['--will-cite', '--ssh', `ssh -F ${sshd!.config}`, '-S', `2/${SSH_HOST}`, scanCmd(`--shard {}/${SHARDS}`), ':::', ...shardsOf(SHARDS)]);
      expect(map.err).toBe('');
      expect(map.code).toBe(0);
      const json = await merge(map.out, 'json');
      expect(json.code).toBe(0);
      expect(json.out).toBe(plainJson);
    });

    it('two "hosts" holding the same files merge when each scan has its --label, and are refused without', async () => {
      const cmd = (label: string) => `cd ${sh(ROOT)} && ${sh(NODE)} ${sh(BIN)} scan fixtures/incident --partial -q --jobs 1 ${label}`;
      const ssh = ['--will-cite', '--ssh', `ssh -F ${sshd!.config}`, '-S', `2/${SSH_HOST}`, '-k'];
      const labelled = await run('parallel', [...ssh, cmd('--label {}'), ':::', 'host1', 'host2']);
      const json = await merge(labelled.out, 'json');
      expect(json.code).toBe(0);
      const report = JSON.parse(json.out) as { provenance: { inputs: { path: string }[] }; totals: { records: number } };
      expect(report.provenance.inputs.map((i) => i.path)).toEqual(['host1:fixtures/incident/mail2cloud.log', 'host2:fixtures/incident/mail2cloud.log']);
      const one = JSON.parse((await run(NODE, [BIN, 'scan', 'fixtures/incident', '-f', 'json', '-q'])).out) as { totals: { records: number } };
      expect(report.totals.records).toBe(2 * one.totals.records);
      const unlabelled = await run('parallel', [...ssh, cmd(''), ':::', 'host1', 'host2']);
      const refused = await merge(unlabelled.out, 'json');
      expect(refused.code).toBe(2);
      expect(refused.err).toContain('fixtures/incident/mail2cloud.log was already counted in (stdin):1 (if these are different inputs of the same name, give each scan its own --label');
    });
  });
});
