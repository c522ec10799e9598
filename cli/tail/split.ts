/** Bytes in, whole lines out: keeps a partial last line until its newline arrives. */
import { StringDecoder } from 'node:string_decoder'

export class LineSplitter {
  private readonly decoder = new StringDecoder('utf8')
  private pending = ''

  constructor(private readonly onLine: (text: string) => void) {}

  push(chunk: Buffer | string): void {
    const text = this.pending + (typeof chunk === 'string' ? chunk : this.decoder.write(chunk))
    const parts = text.split('\n')
    this.pending = parts.pop() ?? ''
    for (const part of parts) this.onLine(part.endsWith('\r') ? part.slice(0, -1) : part)
  }

  /** emits what is left as a last line (a file that does not end with a newline) */
  flush(): void {
    const rest = this.pending + this.decoder.end()
    this.pending = ''
    if (rest !== '') this.onLine(rest.endsWith('\r') ? rest.slice(0, -1) : rest)
  }
}
