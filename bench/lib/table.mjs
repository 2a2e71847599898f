/**
 * A table as aligned plain text or as a GitHub markdown table. Columns whose header is listed in
 * `right` are right-aligned (numbers).
 * @param {readonly string[]} header
 * @param {readonly (readonly string[])[]} rows
 * @param {{ markdown: boolean, right: ReadonlySet<string> }} o
 * @returns {string}
 */
export function renderTable(header, rows, o) {
  if (o.markdown) {
    const line = (/** @type {readonly string[]} */ cells) => `| ${cells.map((c) => c.replaceAll('|', '\\|')).join(' | ')} |`;
    const rule = header.map((h) => (o.right.has(h) ? '---:' : '---'));
    return [line(header), `|${rule.join('|')}|`, ...rows.map(line)].join('\n') + '\n';
  }
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (/** @type {readonly string[]} */ cells) =>
    cells
      .map((c, i) => (o.right.has(header[i] ?? '') ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n') + '\n';
}
