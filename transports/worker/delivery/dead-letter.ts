/**
 * Lines a destination refused for good, kept for a human and for
 * `linecast replay`: `<dir>/<destination>.ndjson`, one
 * `{ time, destination, reason, line }` per line.
 */
import { appendFileSync } from 'node:fs'
import { join } from 'node:path'
import { DeadLetterWriteError } from './errors.js'
import { makeDir } from './make-dir.js'

export interface DeadLetterRecord {
  time: string
  destination: string
  reason: string
  /** the parsed line, or the raw text when it did not parse */
  line: unknown
}

export function safeFileName(name: string): string {
  return name.replace(/[^A-Za-z0-9_.-]/g, '_')
}

export class DeadLetter {
  constructor(
    readonly dir: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  path(destination: string): string {
    return join(this.dir, `${safeFileName(destination)}.ndjson`)
  }

  /** Appends the records with one write; throws DeadLetterWriteError when the file cannot be written. */
  write(destination: string, entries: readonly { raw: string; line?: unknown }[], reason: string): void {
    if (entries.length === 0) return
    const time = this.now().toISOString()
    let text = ''
    for (const entry of entries) {
      let line = entry.line
      if (line === undefined) {
        try {
          line = JSON.parse(entry.raw)
        } catch {
          line = entry.raw
        }
      }
      const record: DeadLetterRecord = { time, destination, reason, line }
      text += `${JSON.stringify(record)}\n`
    }
    const path = this.path(destination)
    try {
      makeDir(this.dir)
      appendFileSync(path, text)
    } catch (error) {
      throw new DeadLetterWriteError(path, error)
    }
  }
}
