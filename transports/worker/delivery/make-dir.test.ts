import { mkdtempSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { makeDir } from './make-dir.js'

describe('makeDir', () => {
  it('makes every missing parent, and is quiet when the directory is there', () => {
    const root = mkdtempSync(join(tmpdir(), 'linecast-make-dir-'))
    const deep = join(root, 'a', 'b', 'c')
    makeDir(deep)
    makeDir(deep)
    expect(statSync(deep).isDirectory()).toBe(true)
  })

  it('throws under a regular file', () => {
    const root = mkdtempSync(join(tmpdir(), 'linecast-make-dir-'))
    writeFileSync(join(root, 'file'), '')
    expect(() => makeDir(join(root, 'file', 'spool'))).toThrow(/ENOTDIR/)
  })

  it('throws, instead of retrying for ever, where the file system refuses a parent that exists (/proc answers ENOENT)', () => {
    expect(() => makeDir('/proc/linecast-spool/dest')).toThrow(/ENOENT|EACCES|EPERM|EROFS/)
  })
})
