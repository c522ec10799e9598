/** The working catalog against the same file at a git ref. */
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { CatalogNotFoundError } from '../../schema/catalog-errors.js'
import { diffCatalogTexts, type CatalogDiff } from '../../schema/diff/index.js'
import { readCatalogAtRef } from './git.js'

export interface BaseComparison extends CatalogDiff {
  ref: string
  /** the catalog's path from the repository root */
  repoPath: string
  /** true when the catalog did not exist at the ref (every event is new) */
  baseMissing: boolean
}

function readCurrent(file: string): string {
  try {
    return readFileSync(file, 'utf8')
  } catch (error) {
    throw new CatalogNotFoundError(file, error)
  }
}

export async function compareWithBase(cwd: string, catalog: string, ref: string): Promise<BaseComparison> {
  const file = resolve(cwd, catalog)
  const text = readCurrent(file)
  const base = await readCatalogAtRef(ref, file)
  const diff = diffCatalogTexts({ text: base.text, file: base.label }, { text, file: base.repoPath })
  return { ...diff, ref, repoPath: base.repoPath, baseMissing: base.text === undefined }
}
