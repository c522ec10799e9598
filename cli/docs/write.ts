/** Writing the site: files that differ are written; event pages of removed events are deleted. */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { isGeneratedPage } from './layout.js'
import type { SiteFile } from './site.js'

export interface WriteSummary {
  written: number
  unchanged: number
  removed: string[]
}

function readOrUndefined(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8')
  } catch {
    return undefined
  }
}

/** Pages under `events/` that this generator wrote for events that no longer exist. */
function stalePages(outDir: string, files: readonly SiteFile[]): string[] {
  const keep = new Set(files.map((f) => f.path))
  let names: string[]
  try {
    names = readdirSync(join(outDir, 'events'))
  } catch {
    return []
  }
  return names
    .filter((name) => name.endsWith('.html') && !keep.has(`events/${name}`))
    .filter((name) => isGeneratedPage(readOrUndefined(join(outDir, 'events', name)) ?? ''))
    .map((name) => `events/${name}`)
    .sort()
}

export function writeSite(outDir: string, files: readonly SiteFile[]): WriteSummary {
  const summary: WriteSummary = { written: 0, unchanged: 0, removed: stalePages(outDir, files) }
  for (const path of summary.removed) rmSync(join(outDir, path))
  for (const file of files) {
    const target = join(outDir, file.path)
    if (readOrUndefined(target) === file.contents) {
      summary.unchanged += 1
      continue
    }
    mkdirSync(dirname(target), { recursive: true })
    writeFileSync(target, file.contents)
    summary.written += 1
  }
  return summary
}
