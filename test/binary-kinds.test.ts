/**
 * A binary input is skipped with one line; when its magic bytes tell what it is (an Excel workbook, an
 * archive, a journal or event log file, another compression than gzip), the line says how to scan what it
 * holds. The bytes below are the formats' own headers, written by hand.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { gzipSync } from 'node:zlib';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { runMain, tempDir } from './support/main.js';

const { dir, remove } = tempDir('mxscan-binary-');
afterAll(remove);

/** A file of these bytes, then text holding a code that must not count (no NUL: the magic bytes tell, unless `nul`). */
function file(name: string, head: readonly number[] | Buffer, nul: boolean): string {
  const f = path.join(dir, name);
  writeFileSync(f, Buffer.concat([Buffer.from(head), Buffer.alloc(nul ? 64 : 0, 0), Buffer.from(' 2026-04-07T09:00:00Z storage_error\n')]));
  return f;
}

/** A zip's first local file header naming `entry`. */
const zip = (entry: string): Buffer => Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0, 8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, entry.length, 0, 0, 0]), Buffer.from(entry)]);

describe('a binary input says what it is', () => {
  it.each([
    ['report.xlsx', zip('xl/workbook.xml'), 'an Excel workbook (save it as CSV and scan that)'],
    ['logs.zip', zip('app/mail2cloud.log'), 'a zip archive (extract it and scan its files)'],
    ['report.xls', [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], 'an Office document in the old binary format (an .xls workbook: save it as CSV; an Outlook .msg: save it as text; and scan that)'],
    ['Application.evtx', [...Buffer.from('ElfFile'), 0, 0, 0], 'a Windows event log file (.evtx: export it with Get-WinEvent … | Export-Csv and scan that)'],
    ['system.journal', [...Buffer.from('LPKSHHRH'), 0], 'a systemd journal file (read it with journalctl --file … -o short-iso and scan that)'],
    ['app.log.bz2', [...Buffer.from('BZh91AY&SY')], 'bzip2-compressed (decompress it with bunzip2 and scan that)'],
    ['app.log.xz', [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], 'xz-compressed (decompress it with unxz and scan that)'],
    ['app.log.zst', [0x28, 0xb5, 0x2f, 0xfd], 'zstd-compressed (decompress it with unzstd and scan that)'],
    ['blob.bin', [0x01, 0x02, 0x00], 'binary content (NUL and control bytes in its first 8 KiB)'],
  ])('%s: skipped, one line saying how to scan it', async (name, head, what) => {
    const f = file(name, head as number[] | Buffer, name === 'blob.bin');
    const r = await runMain(['scan', f, 'fixtures/exports/go/agent.log', '--format', 'json', '--quiet']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out) as { files: { path: string; status: string; message?: string; matches: number }[]; codes: { code: string; count: number }[] };
    const row = report.files.find((x) => x.path.endsWith(name))!;
    expect(row).toMatchObject({ status: 'binary', message: what, matches: 0 });
    // The other input is read: go/agent.log's two storage_error, none from the binary file.
    expect(report.codes.find((c) => c.code === 'storage_error')?.count).toBe(2);
  });

  it('a text file that starts as one of them but goes on as text is read', async () => {
    const f = path.join(dir, 'bzh.log');
    writeFileSync(f, 'BZh9 is no block magic: 2026-04-07T09:00:00Z storage_error\n');
    const r = await runMain(['scan', f, '--format', 'json', '--quiet']);
    const report = JSON.parse(r.out) as { files: { status: string; matches: number }[] };
    expect(report.files[0]).toMatchObject({ status: 'ok', matches: 1 });
  });

  it('a tar archive (a support bundle of logs and rotated .gz files), plain or gzipped, and a sparse file are skipped, saying so', async () => {
    // A tar member's 512-byte header: its name, NULs, octal fields as text, `ustar` at byte 257; then the log.
    const header = Buffer.alloc(512);
    header.write('app.log', 0);
    header.write('0000644\0', 100);
    header.write('ustar\0' + '00', 257, 'latin1');
    const tar = Buffer.concat([header, Buffer.from('2026-04-07T09:14:00Z ERROR storage_error\n'.padEnd(512, '\0')), Buffer.alloc(1024)]);
    writeFileSync(path.join(dir, 'bundle.tar'), tar);
    writeFileSync(path.join(dir, 'bundle.tar.gz'), gzipSync(tar));
    // 2 MiB of NULs (lastlog's holes; a truncated log's leftover) before one line: the first MiB tells nothing.
    writeFileSync(path.join(dir, 'lastlog'), Buffer.concat([Buffer.alloc(2 << 20), Buffer.from('2026-04-07T09:14:00Z storage_error\n')]));
    const r = await runMain(['scan', path.join(dir, 'bundle.tar'), path.join(dir, 'bundle.tar.gz'), path.join(dir, 'lastlog'), 'fixtures/exports/go/agent.log', '--format', 'json', '--quiet']);
    const report = JSON.parse(r.out) as { files: { path: string; status: string; message?: string }[]; codes: { code: string; count: number }[] };
    const row = (name: string) => report.files.find((x) => x.path.endsWith(name))!;
    expect(row('bundle.tar')).toMatchObject({ status: 'binary', message: 'a tar archive (extract it and scan its files)' });
    expect(row('bundle.tar.gz')).toMatchObject({ status: 'binary', message: 'a tar archive (extract it and scan its files)' });
    expect(row('lastlog')).toMatchObject({
      status: 'binary',
      message: 'NUL bytes only in its first MiB (a sparse file such as lastlog, or a log copytruncate left long before its new lines: scan those with tail -c)',
    });
    // go/agent.log's two storage_error only.
    expect(report.codes.find((c) => c.code === 'storage_error')?.count).toBe(2);
  });
});

