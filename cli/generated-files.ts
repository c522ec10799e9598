/** Comparing generated files with the output directory, and writing only what changed. */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join, relative, sep } from 'node:path'
import type { GeneratedFile } from '../schema/generate/index.js'

export type FileState = 'fresh' | 'stale' | 'missing'

export interface FileStatus {
  /** as shown to the user: relative to cwd, `/`-separated */
  display: string
  path: string
  state: FileState
}

function readOrUndefined(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw error
  }
}

export function displayPath(cwd: string, file: string): string {
  const rel = relative(cwd, file)
  return (rel === '' || rel.startsWith('..') ? file : rel).split(sep).join('/')
}

export function compareGenerated(cwd: string, outDir: string, files: readonly GeneratedFile[]): FileStatus[] {
  return files.map((f) => {
    const target = join(outDir, f.path)
    const current = readOrUndefined(target)
    const state: FileState = current === undefined ? 'missing' : current === f.contents ? 'fresh' : 'stale'
    return { display: displayPath(cwd, target), path: f.path, state }
  })
}

/** Writes the files that differ; returns their statuses as they were before writing. */
export function writeGenerated(cwd: string, outDir: string, files: readonly GeneratedFile[]): FileStatus[] {
  const statuses = compareGenerated(cwd, outDir, files)
  files.forEach((f, i) => {
    if (statuses[i]?.state === 'fresh') return
    const target = join(outDir, f.path)
    mkdirSync(dirname(target), { recursive: true })
    writeFileSync(target, f.contents)
  })
  return statuses
}
