/** Byte sizes as the bench flags take them: 1g, 256m, 64M, 512k, 2MiB, or plain bytes (powers of 1024). */
export function parseSize(/** @type {string} */ text) {
  const m = /^([0-9]+(?:\.[0-9]+)?)\s*([kmg]?)(?:i?b)?$/i.exec(text.trim());
  if (m === null) return undefined;
  const unit = /** @type {string} */ (m[2]).toLowerCase();
  const bytes = Math.round(Number(m[1]) * (unit === 'k' ? 1024 : unit === 'm' ? 1024 ** 2 : unit === 'g' ? 1024 ** 3 : 1));
  return bytes > 0 ? bytes : undefined;
}

/** 1073741824 → "1.00 GiB"; sizes for people. */
export function formatBytes(/** @type {number} */ n) {
  if (n >= 1024 ** 3) return `${(n / 1024 ** 3).toFixed(2)} GiB`;
  if (n >= 1024 ** 2) return `${(n / 1024 ** 2).toFixed(1)} MiB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${n} B`;
}
