// Flags of the time forms' reading (src/wasm/time-forms.ts): where the forms a message's mention of a date may
// take are read (the reader of a line's time sets it: src/wasm/times.ts), and whether a field held a date alone.

/**
 * The forms a message's mention of a date may take as well as a log's own time — a month's name after the
 * day (`01-Apr-2026`), an ordinal day, a weekday before a month or a numeric date, ISO-8601's shape with a
 * one-digit part — are read only where a time starts a line or a value (no blanks before it): not on an
 * indented line, nor further in (after `[`). The reader of a line's time says which (setLoose).
 */
export let loose: bool = true;

/** Whether the forms a mention may take are read (see loose). */
export function setLoose(on: bool): void {
  loose = on;
}

/** The last form read was a date alone, in a field (midnight): see dateAloneTaken. */
let dateAlone: bool = false;

/** dateAlone, cleared. */
export function dateAloneTaken(): bool {
  const d = dateAlone;
  dateAlone = false;
  return d;
}

/** A form read a date alone, in a field. */
export function sawDateAlone(): void {
  dateAlone = true;
}
