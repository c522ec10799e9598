import { appendFileSync, mkdtempSync, renameSync, rmSync, truncateSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { followFile } from './follow.js'

async function until(condition: () => boolean, what: string, deadlineMs = 5000): Promise<void> {
  const start = Date.now()
  while (!condition()) {
    if (Date.now() - start > deadlineMs) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setImmediate(resolve))
  }
}

describe('followFile', () => {
  const dirs: string[] = []
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
  })

  it('reads existing lines, appended lines, a rotated file and a truncated one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'linecast-follow-'))
    dirs.push(dir)
    const path = join(dir, 'app.log')
    writeFileSync(path, 'one\ntwo\n')
    const seen: string[] = []
    const controller = new AbortController()
    const done = followFile(path, (line) => seen.push(line), { signal: controller.signal, pollMs: 5 })

    await until(() => seen.length === 2, 'existing lines')
    appendFileSync(path, 'thr')
    appendFileSync(path, 'ee\n')
    await until(() => seen.length === 3, 'the appended line')

    appendFileSync(path, 'four\n')
    renameSync(path, `${path}.1`)
    writeFileSync(path, 'five\n')
    await until(() => seen.length === 5, 'the rotated file')

    truncateSync(path, 0)
    appendFileSync(path, 'six\n')
    await until(() => seen.includes('six'), 'the truncated file')

    controller.abort()
    await done
    expect(seen).toEqual(['one', 'two', 'three', 'four', 'five', 'six'])
  })
})
