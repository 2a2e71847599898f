/**
 * How a plain-text line starts, as the README's rules say (What counts; Time), written apart from the
 * kernel (src/wasm/times.ts) for the oracle and the generators' expected tallies.
 */

/** Starts with a time of day alone (Logback's `09:14:02.113 [main] …`), its hour, minute and second in range: it starts a record. */
export function clockFirst(text: string): boolean {
  const m = /^[ \t]*["(<[]?(\d{1,2}):(\d\d):(\d\d)(?:[.,]\d{1,9})?(?![0-9A-Za-z:./])/.exec(text);
  return m !== null && Number(m[1]) <= 23 && Number(m[2]) <= 59 && Number(m[3]) <= 60;
}

/**
 * Carries on a record (indented, journalctl's `-- `, or an exception's head: `Caused by:`, `Exception in
 * thread `, `panic: `, `java.lang.IllegalStateException:`, `ValueError:`): a time further in is not its own.
 */
export function continues(text: string): boolean {
  const m = /^(?:[ \t]|-- |Caused by:|Exception in thread |panic: |([A-Za-z0-9_$.]*)(?<=Exception|Error):)/.exec(text);
  return m !== null && (m[1] === undefined || m[1].length <= 256);
}

/** May only a time at the line's start be its own? */
export const startOnly = (text: string): boolean => continues(text) || clockFirst(text);
