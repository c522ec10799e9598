/**
 * Every linecast error is a class with a stable `code` and a message that says
 * what to do. The README lists every code (a test checks it).
 */
export class LinecastError extends Error {
  readonly code: string
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = new.target.name
    this.code = code
  }
}
