/**
 * Lines on their way to the worker thread, handed over in blocks: each write
 * is kept in an array and the lines go to the thread as one string once
 * 64 KiB are waiting or at the end of the current turn of the event loop
 * (when the thread would have copied them anyway). One block costs one
 * encode and one copy instead of one per line.
 */
const BLOCK_BYTES = 64 * 1024

export class HandOff {
  private lines: string[] = []
  private bytes = 0
  private scheduled = false

  /** `deliver` gets each block and the lines in it; it is called in order, never with an empty block */
  constructor(private readonly deliver: (block: string, lines: readonly string[]) => void) {}

  get waiting(): number {
    return this.bytes
  }

  add(line: string): void {
    this.lines.push(line)
    this.bytes += line.length
    if (this.bytes >= BLOCK_BYTES) this.now()
    else if (!this.scheduled) {
      this.scheduled = true
      setImmediate(() => {
        this.scheduled = false
        this.now()
      })
    }
  }

  /** hands over what is waiting, at once (before a control line, at exit) */
  now(): void {
    if (this.lines.length === 0) return
    const lines = this.lines
    const block = lines.length === 1 ? (lines[0] as string) : lines.join('')
    this.lines = []
    this.bytes = 0
    this.deliver(block, lines)
  }

  /** what is waiting, taken back (the thread is gone) */
  take(): string[] {
    const lines = this.lines
    this.lines = []
    this.bytes = 0
    return lines
  }
}
