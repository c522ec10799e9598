import { Readable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { readSource } from './reader.js'

describe('readSource', () => {
  it('splits a stream into lines across chunk boundaries, multi-byte characters included', async () => {
    const euro = Buffer.from('€')
    const chunks = [Buffer.from('a\r\nb'), Buffer.concat([Buffer.from('c '), euro.subarray(0, 1)]), euro.subarray(1), Buffer.from('\nlast')]
    const lines: string[] = []
    const code = await readSource({ type: 'stream', stream: Readable.from(chunks) }, (text) => lines.push(text), { signal: new AbortController().signal })
    expect(code).toBe(0)
    expect(lines).toEqual(['a', 'bc €', 'last'])
  })

  it('tells stdout from stderr of a command and returns its exit code', async () => {
    const seen: string[] = []
    const code = await readSource(
      { type: 'command', command: process.execPath, args: ['-e', 'console.error("e"); process.exitCode = 4'] },
      (text, origin) => seen.push(`${origin}:${text}`),
      { signal: new AbortController().signal },
    )
    expect(code).toBe(4)
    expect(seen).toEqual(['stderr:e'])
  })

  it('fails with a stable code when the command cannot be run', async () => {
    const run = readSource({ type: 'command', command: 'linecast-no-such-command', args: [] }, () => {}, { signal: new AbortController().signal })
    await expect(run).rejects.toMatchObject({ code: 'LINECAST_TAIL_SOURCE' })
  })

  it('fails with a stable code when the file cannot be read', async () => {
    const run = readSource({ type: 'file', path: '/nonexistent/app.log', follow: false }, () => {}, { signal: new AbortController().signal })
    await expect(run).rejects.toMatchObject({ code: 'LINECAST_TAIL_SOURCE' })
  })
})
