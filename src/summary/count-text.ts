// A count as every text of the report writes it. Whole numbers are grouped here rather than by
// toLocaleString('en-US'): its first call starts ICU's number formatter, about 10 ms of every scan's start.

/** A count with thousands separators, as en-US writes it: 50,000; -1,234. Anything but a safe integer goes to toLocaleString. */
export function num(n: number): string {
  if (!Number.isSafeInteger(n) || Object.is(n, -0)) return n.toLocaleString('en-US');
  const digits = String(Math.abs(n));
  let out = digits.slice(0, ((digits.length - 1) % 3) + 1);
  for (let i = out.length; i < digits.length; i += 3) out += ',' + digits.slice(i, i + 3);
  return n < 0 ? '-' + out : out;
}

/** A count and its noun, singular for 1: "1 file", "50,000 files". */
export function plural(n: number, noun: string, nouns = noun + 's'): string {
  return `${num(n)} ${n === 1 ? noun : nouns}`;
}
