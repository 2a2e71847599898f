/** An expected failure: printed as one line on stderr, exit code 2, never a stack trace. */
export class ScanError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = 'ScanError';
    this.code = code;
  }
}
