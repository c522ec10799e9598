/**
 * Lines on their way to the worker thread, handed over in blocks of bytes:
 * each write is encoded once, straight into a block, and the block goes to
 * the thread once 64 KiB are waiting or at the end of the current turn of
 * the event loop (when the thread would have copied them anyway). Joining
 * the lines into one string and encoding that string again would cost a copy
 * and an encode more per line, in the application's thread.
 *
 * Blocks are views of a larger slab, so that a block costs no allocation of
 * its own; the thread keeps a block until it has copied it.
 */
const BLOCK_BYTES = 64 * 1024
const SLAB_BYTES = 1024 * 1024

/** The lines of a block (each written with its newline), as text. */
export function linesOf(block: Buffer): string[] {
  const lines = block.toString('utf8').split('\n')
  if (lines[lines.length - 1] === '') lines.pop()
  return lines.map((line) => `${line}\n`)
}

export class HandOff {
  private slab = Buffer.allocUnsafe(SLAB_BYTES)
  /** where the waiting block starts in the slab, and where it ends */
  private start = 0
  private end = 0
  private scheduled = false

  /** `deliver` gets each block; it is called in order, never with an empty block */
  constructor(private readonly deliver: (block: Buffer) => void) {}

  /** bytes waiting */
  get waiting(): number {
    return this.end - this.start
  }

  add(line: string): void {
    // a UTF-16 unit is at most 3 bytes of UTF-8
    if (this.slab.length - this.end < line.length * 3) {
      this.now()
      if (line.length * 3 > SLAB_BYTES) return this.deliver(Buffer.from(line, 'utf8'))
      this.slab = Buffer.allocUnsafe(SLAB_BYTES)
      this.start = 0
      this.end = 0
    }
    this.end += this.slab.write(line, this.end)
    if (this.end - this.start >= BLOCK_BYTES) this.now()
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
    if (this.end === this.start) return
    const block = this.slab.subarray(this.start, this.end)
    this.start = this.end
    this.deliver(block)
  }

  /** what is waiting, taken back as lines (the thread is gone) */
  take(): string[] {
    const block = this.slab.subarray(this.start, this.end)
    this.start = this.end
    return block.length === 0 ? [] : linesOf(block)
  }
}
