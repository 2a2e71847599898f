// The kernel alone, side by side: builds of mxscan (their dist/ directories) scan the same bytes in one
// process, in turn, as a scan reads a file — 1 MiB pieces at line ends, each piece's e-mail pass and then
// its lines, with the built-in catalog set and every code counted in the kernel (as once a code's
// evidence is taken). Wall times on a shared machine drift from one minute to the next; builds measured in
// turn in one process drift alike, so a few percent between them is a difference, not noise.
//
//   node bench/kernel.mjs text|jsonl|array FILE [MiB] DIST [DIST …]
//   node bench/kernel.mjs jsonl /tmp/mxscan-bench/events.jsonl 128 dist /tmp/old/dist
// `array`: a JSON array export (gcloud.json, export.json), its elements read in bulk as a scan of one reads them.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const [kind, file, mib, ...dists] = process.argv.slice(2);
if (!['text', 'jsonl', 'array'].includes(kind) || file === undefined || dists.length === 0) {
  console.error('usage: node bench/kernel.mjs text|jsonl|array FILE [MiB] DIST [DIST …]');
  process.exit(2);
}
let bytes = readFileSync(file).subarray(0, Number(mib ?? 128) * 1024 * 1024);
bytes = bytes.subarray(0, bytes.lastIndexOf(10) + 1);
const PIECE = 1 << 20;
const JSON_LINES = 2;

const kernels = [];
for (const dist of dists) {
  const at = (m) => pathToFileURL(path.resolve(dist, m)).href;
  const { acquireKernel } = await import(at('fast/kernel-pool.js'));
  const { BUILTIN_CATALOG } = await import(at('catalog/builtin.js'));
  const codes = BUILTIN_CATALOG.map((e) => e.code.toLowerCase());
  const k = acquireKernel(codes);
  for (let i = 0; i < codes.length; i++) k.setSteady(i);
  // An export's elements are looked into (json-line.ts Scopes.Elements), as JsonlFastScan sets it for an array.
  if (kind === 'array') k.watchScopes(1);
  k.room(bytes.length).set(bytes);
  kernels.push(k);
}

let sunk = 0;
const sink = () => { sunk++; };
function scan(k) {
  let lines = 0;
  if (kind === 'text') k.textRecordsReset(null, false);
  for (let ps = 0; ps < bytes.length; ) {
    let pe = Math.min(bytes.length, ps + PIECE);
    if (pe < bytes.length) pe = bytes.lastIndexOf(10, pe - 1) + 1;
    k.seeEmails(ps, pe, kind !== 'text' ? 2 ** 30 : Infinity, false, false, kind !== 'text' ? JSON_LINES : 0);
    if (kind === 'array') {
      // From the first element on; an element that does not end in this piece is read with the next.
      if (ps === 0) {
        ps = bytes.indexOf(0x5b) + 1;
        k.arrayReset();
      }
      for (let from = ps; ; ) {
        const o = k.scanJsonArray(from, pe, 2 ** 30, lines, 0, sink);
        lines = o.line;
        if (o.next === from) {
          // The array's `]` ends the last piece.
          ps = pe === bytes.length ? pe : from;
          break;
        }
        from = o.next;
      }
      continue;
    }
    for (let from = ps; from < pe; ) {
      const o = kind === 'jsonl' ? k.scanJsonl(from, pe, 2 ** 30, lines, sink, undefined) : k.scanText(from, pe, lines, sink, undefined);
      lines += o.lines;
      from = o.next;
      if (o.lines === 0) break;
    }
    ps = pe;
  }
  k.takeSeen();
}

// Two rounds to warm up (V8 optimizes the kernel's functions while the first run), then 13 in turn.
const times = dists.map(() => []);
for (let round = 0; round < 15; round++) {
  kernels.forEach((k, i) => {
    const start = process.hrtime.bigint();
    scan(k);
    if (round >= 2) times[i].push(Number(process.hrtime.bigint() - start) / 1e6);
    if (process.env.KERNEL_ROUNDS) console.log(round, i, (Number(process.hrtime.bigint() - start) / 1e6).toFixed(1));
  });
}
const mb = bytes.length / 1e6;
if (process.env.KERNEL_SINK) console.log(`elements reported: ${sunk}`);
dists.forEach((d, i) => {
  const t = times[i].sort((a, b) => a - b);
  console.log(`${d.padEnd(24)} ${kind} ${mb.toFixed(0)} MB: min ${t[0].toFixed(1)} ms, median ${t[6].toFixed(1)} ms (${(mb / (t[0] / 1000)).toFixed(0)} MB/s at best)`);
});
