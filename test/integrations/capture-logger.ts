/**
 * A logger of the shipped catalog (which holds every built-in event) writing
 * to a capture stream, for the jobs, monitors and reports tests.
 */
import { catalog, type LinecastEvents } from '../../generated/events.js'
import { createLogger } from '../../emitters/index.js'
import type { LinecastLogger } from '../../emitters/index.js'
import { CaptureStream } from '../emitters/capture.js'

export function captureLogger(level = 'info'): { log: LinecastLogger<LinecastEvents>; out: CaptureStream } {
  const out = new CaptureStream()
  const log = createLogger<LinecastEvents>({
    catalog,
    destination: out,
    piiKey: 'test-pii-key-0123456789abcdef',
    env: 'test',
    level,
    pretty: false,
  })
  return { log, out }
}

/** The lines of event `name`. */
export function linesOf(out: CaptureStream, name: string): Record<string, unknown>[] {
  return out.lines.filter((l) => l.event === name)
}
