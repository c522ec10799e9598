/**
 * `linecast init`: writes the starter files into a project, never replacing
 * anything: a file that exists is skipped, package.json only gains scripts.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { ignoreLinecastDir } from './gitignore.js'
import { addScripts } from './package-json.js'
import { SCRIPTS, WORKFLOW_PATH, ciWorkflow, serviceName, starterCatalog } from './templates.js'

export interface InitStep {
  path: string
  action: 'created' | 'updated' | 'skipped'
  detail: string
}

export interface InitOptions {
  cwd: string
  catalogFile: string
  /** overrides the name taken from package.json */
  service?: string
}

/** Creates the file unless something is already there (`wx`: never replaces, even in a race). */
function createFile(cwd: string, path: string, text: string, detail: string): InitStep {
  const full = join(cwd, path)
  if (existsSync(full)) return { path, action: 'skipped', detail: 'exists, left as it is' }
  mkdirSync(dirname(full), { recursive: true })
  try {
    writeFileSync(full, text, { flag: 'wx' })
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return { path, action: 'skipped', detail: 'exists, left as it is' }
    throw error
  }
  return { path, action: 'created', detail }
}

function readPackageJson(cwd: string): { text: string; name?: string } | undefined {
  const full = join(cwd, 'package.json')
  if (!existsSync(full)) return undefined
  const text = readFileSync(full, 'utf8')
  try {
    const parsed = JSON.parse(text) as { name?: unknown }
    return typeof parsed.name === 'string' ? { text, name: parsed.name } : { text }
  } catch {
    return { text }
  }
}

export function scaffold(options: InitOptions): InitStep[] {
  const { cwd } = options
  const pkg = readPackageJson(cwd)
  const service = options.service ?? serviceName(pkg?.name, basename(cwd))
  const steps: InitStep[] = [
    createFile(cwd, options.catalogFile, starterCatalog(service), `starter catalog for service ${service}`),
  ]
  if (pkg === undefined) {
    steps.push({ path: 'package.json', action: 'skipped', detail: 'not found; run npm init first to get the npm scripts' })
  } else {
    const result = addScripts(pkg.text, SCRIPTS)
    if (result.added.length > 0) {
      writeFileSync(join(cwd, 'package.json'), result.text)
      steps.push({ path: 'package.json', action: 'updated', detail: `added scripts ${result.added.join(', ')}` })
    } else {
      steps.push({ path: 'package.json', action: 'skipped', detail: `scripts ${result.present.join(', ')} already there` })
    }
  }
  steps.push(createFile(cwd, WORKFLOW_PATH, ciWorkflow(), 'CI check: npm ci, linecast check (--base on pull requests)'))
  steps.push({ path: '.gitignore', ...ignoreLinecastDir(cwd) })
  return steps
}
