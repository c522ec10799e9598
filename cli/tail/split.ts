/**
 * Bytes in, whole lines out, in time linear in the input: each chunk is
 * searched once for newlines and a partial line is kept as a list of chunks,
 * joined only when its newline arrives. A line longer than `maxLineBytes`
 * keeps its first `maxLineBytes` bytes (cut at a character boundary); the rest
 * is skipped up to the next newline and the line is handed on with its full
 * length, so memory stays bounded whatever the stream holds.
 */

/** Set on a line that was longer than the cap: how long it really was. */
export interface LineCut {
  /** bytes the whole line had, without its newline */
  bytes: number
}

export type LineCallback = (text: string, cut?: LineCut) => void

export const DEFAULT_MAX_LINE_BYTES = 4 * 1024 * 1024

const NEWLINE = 0x0a
const CARRIAGE_RETURN = 0x0d

/** The longest prefix of `head` that ends on a UTF-8 character boundary. */
function wholeCharacters(head: Buffer): Buffer {
  let end = head.length
  // step back over continuation bytes (10xxxxxx) to the lead byte of the last character
  let back = end - 1
  while (back >= 0 && end - back <= 4 && ((head[back] as number) & 0xc0) === 0x80) back--
  if (back < 0) return head
  const lead = head[back] as number
  const size = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1
  if (back + size > end) end = back
  return head.subarray(0, end)
}

export class LineSplitter {
  private parts: Buffer[] = []
  /** bytes kept in `parts` (at most maxLineBytes) */
  private kept = 0
  /** bytes of the current line seen so far, kept or skipped */
  private seen = 0

  constructor(
    private readonly onLine: LineCallback,
    private readonly maxLineBytes = DEFAULT_MAX_LINE_BYTES,
  ) {}

  push(chunk: Buffer | string): void {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk
    let start = 0
    for (;;) {
      const newline = bytes.indexOf(NEWLINE, start)
      if (newline === -1) {
        this.keep(bytes.subarray(start))
        return
      }
      if (this.seen === 0 && newline - start <= this.maxLineBytes) this.emitWhole(bytes.subarray(start, newline))
      else {
        this.keep(bytes.subarray(start, newline))
        this.emit()
      }
      start = newline + 1
    }
  }

  /** emits what is left as a last line (a file that does not end with a newline) */
  flush(): void {
    if (this.seen > 0) this.emit()
  }

  private keep(piece: Buffer): void {
    if (piece.length === 0) return
    this.seen += piece.length
    const room = this.maxLineBytes - this.kept
    if (room <= 0) return
    // copy: the caller may reuse its buffer (follow.ts reads into one)
    const taken = Buffer.from(piece.length > room ? piece.subarray(0, room) : piece)
    this.parts.push(taken)
    this.kept += taken.length
  }

  private emit(): void {
    const line = this.parts.length === 1 ? (this.parts[0] as Buffer) : Buffer.concat(this.parts, this.kept)
    const total = this.seen
    this.parts = []
    this.kept = 0
    this.seen = 0
    if (total > this.maxLineBytes) this.onLine(wholeCharacters(line).toString('utf8'), { bytes: total })
    else this.emitWhole(line)
  }

  /** a line within the cap, without its `\r\n` ending's `\r` */
  private emitWhole(line: Buffer): void {
    const end = line.length > 0 && line[line.length - 1] === CARRIAGE_RETURN ? line.length - 1 : line.length
    this.onLine(line.toString('utf8', 0, end))
  }
}
