/**
 * `mkdir -p` for the spool and dead-letter directories that gives up at the
 * first refusal. Node's recursive mkdir retries for ever where a file system
 * answers ENOENT for a directory whose parent exists (procfs does: a spool
 * configured under /proc would hang the worker); here each missing parent is
 * made once and the directory itself tried twice at most.
 */
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'

export function makeDir(path: string): void {
  try {
    mkdirSync(path)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'EEXIST') return
    const parent = dirname(path)
    if (code !== 'ENOENT' || parent === path) throw error
    makeDir(parent)
    mkdirSync(path)
  }
}
