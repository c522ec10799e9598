/**
 * `.linecast/` (the spool, dead letters and the embedded PGlite database) in
 * the project's `.gitignore`: created when there is none, appended when it
 * does not list the folder yet, never rewritten.
 */
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

export const GITIGNORE_ENTRY = '.linecast/'

const ALREADY_IGNORED = new Set(['.linecast', '.linecast/', '/.linecast', '/.linecast/', '.linecast/*', '/.linecast/*'])

const BLOCK = `# linecast: spool, dead letters and the embedded database (linecast init)\n${GITIGNORE_ENTRY}\n`

export interface GitignoreResult {
  action: 'created' | 'updated' | 'skipped'
  detail: string
}

export function ignoreLinecastDir(cwd: string): GitignoreResult {
  const file = join(cwd, '.gitignore')
  if (!existsSync(file)) {
    writeFileSync(file, BLOCK, { flag: 'wx' })
    return { action: 'created', detail: `ignores ${GITIGNORE_ENTRY}` }
  }
  const text = readFileSync(file, 'utf8')
  if (text.split(/\r?\n/).some((line) => ALREADY_IGNORED.has(line.trim()))) {
    return { action: 'skipped', detail: `already ignores ${GITIGNORE_ENTRY}` }
  }
  appendFileSync(file, `${text === '' || text.endsWith('\n') ? '' : '\n'}${BLOCK}`)
  return { action: 'updated', detail: `added ${GITIGNORE_ENTRY}` }
}
