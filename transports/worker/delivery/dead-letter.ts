/**
 * Lines a destination refused for good, kept for a human:
 * `<dir>/<destination>.ndjson`, one `{ time, destination, reason, line }` per line.
 */
import { appendFileSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'

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
  private made = false

  constructor(
    readonly dir: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  path(destination: string): string {
    return join(this.dir, `${safeFileName(destination)}.ndjson`)
  }

  /** Appends the records; returns false when the file cannot be written (the caller counts them dropped). */
  write(destination: string, entries: { raw: string; line?: unknown }[], reason: string): boolean {
    if (entries.length === 0) return true
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
    try {
      if (!this.made) {
        mkdirSync(this.dir, { recursive: true })
        this.made = true
      }
      appendFileSync(this.path(destination), text)
      return true
    } catch {
      return false
    }
  }
}
