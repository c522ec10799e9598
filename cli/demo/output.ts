/**
 * Where the demo's log lines go: counted, then written through the CLI's
 * output, pretty when stdout is a terminal (and not --json), JSON otherwise.
 */
import { Writable } from 'node:stream'
import { createPrettyStream } from '../../emitters/pretty.js'
import type { DestinationStream } from 'pino'
import type { Output } from '../output.js'
import type { LineTally } from './tally.js'

export function demoDestination(out: Output, tally: LineTally, pretty: boolean): DestinationStream {
  let local: DestinationStream = { write: (text: string) => out.write(text) }
  if (pretty) {
    // pino-pretty pipes into a real stream
    const sink = new Writable({
      write(chunk: Buffer | string, _encoding, done) {
        out.write(chunk.toString())
        done()
      },
    })
    local = createPrettyStream({ destination: sink, colorize: true })
  }
  return {
    write(chunk: string): void {
      tally.observe(chunk)
      local.write(chunk)
    },
  }
}
