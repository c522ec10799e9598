/**
 * The source files the coverage scan reads: .ts .js .mts .cts .tsx .jsx under
 * a directory, skipping node_modules, dist, generated, hidden folders and .d.ts.
 */
import { readdirSync } from 'node:fs'
import { join, relative, sep } from 'node:path'

export const SOURCE_EXTENSIONS = ['.ts', '.js', '.mts', '.cts', '.tsx', '.jsx', '.mjs', '.cjs'] as const
export const SKIPPED_FOLDERS = ['node_modules', 'dist', 'generated'] as const

function isSource(name: string): boolean {
  if (/\.d\.[mc]?ts$/.test(name)) return false
  return SOURCE_EXTENSIONS.some((ext) => name.endsWith(ext))
}

/** Paths relative to `root`, with `/` separators, sorted. */
export function listSourceFiles(root: string): string[] {
  const found: string[] = []
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) {
        if (entry.name.startsWith('.') || (SKIPPED_FOLDERS as readonly string[]).includes(entry.name)) continue
        walk(join(dir, entry.name))
      } else if (entry.isFile() && isSource(entry.name)) {
        found.push(relative(root, join(dir, entry.name)).split(sep).join('/'))
      }
    }
  }
  walk(root)
  return found.sort()
}
