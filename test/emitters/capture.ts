/**
 * A Writable that collects what a logger writes, as raw text and parsed lines.
 */
import { Writable } from 'node:stream'

export class CaptureStream extends Writable {
  text = ''

  override _write(chunk: Buffer | string, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.text += chunk.toString()
    callback()
  }

  /** every complete line, parsed as JSON */
  get lines(): Record<string, unknown>[] {
    return this.text
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => JSON.parse(l) as Record<string, unknown>)
  }

  /** the only line written; fails when there is not exactly one */
  get line(): Record<string, unknown> {
    const lines = this.lines
    if (lines.length !== 1) throw new Error(`expected exactly one line, got ${lines.length}:\n${this.text}`)
    return lines[0] as Record<string, unknown>
  }
}
