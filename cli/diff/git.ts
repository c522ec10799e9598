/** The catalog as it was at a git ref: `git show <ref>:<path from the repository root>`. */
import { execFile } from 'node:child_process'
import { realpathSync } from 'node:fs'
import { dirname, relative, sep } from 'node:path'
import { UsageError } from '../errors.js'
import { BaseRefNotFoundError, GitUnavailableError } from './errors.js'

export interface CatalogAtRef {
  /** the text at the ref; `undefined` when the file did not exist there */
  text: string | undefined
  /** the catalog's path from the repository root, `/`-separated: what CI annotations name */
  repoPath: string
  /** `<ref>:<repoPath>`: how locations in the base catalog are shown */
  label: string
}

interface GitResult {
  code: number
  stdout: string
  stderr: string
}

function git(args: readonly string[], cwd: string): Promise<GitResult> {
  return new Promise((resolve, reject) => {
    execFile('git', [...args], { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error !== null && typeof error.code !== 'number') {
        reject(new GitUnavailableError(cwd, error.message))
        return
      }
      resolve({ code: error === null ? 0 : Number(error.code), stdout, stderr })
    })
  })
}

export async function readCatalogAtRef(ref: string, catalogFile: string): Promise<CatalogAtRef> {
  if (ref === '' || ref.startsWith('-')) throw new UsageError(`--base needs a git ref such as main or HEAD~1, got '${ref}'`)
  const directory = dirname(catalogFile)
  const top = await git(['rev-parse', '--show-toplevel'], directory)
  if (top.code !== 0) throw new GitUnavailableError(directory, top.stderr.trim())
  const root = realpathSync(top.stdout.trim())
  const repoPath = relative(root, realpathSync(catalogFile)).split(sep).join('/')
  const commit = await git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], root)
  if (commit.code !== 0) throw new BaseRefNotFoundError(ref)
  const object = `${commit.stdout.trim()}:${repoPath}`
  const exists = await git(['cat-file', '-e', object], root)
  const label = `${ref}:${repoPath}`
  if (exists.code !== 0) return { text: undefined, repoPath, label }
  const shown = await git(['cat-file', 'blob', object], root)
  if (shown.code !== 0) throw new GitUnavailableError(root, shown.stderr.trim())
  return { text: shown.stdout, repoPath, label }
}
