/**
 * Vendor SDKs and drivers are optional peer dependencies: linecast loads one
 * only when a destination or an integration uses it, and a missing one is a
 * `PeerDependencyMissingError` naming who needs it and the install command.
 */
import { createRequire } from 'node:module'
import { LinecastError } from './errors.js'

export class PeerDependencyMissingError extends LinecastError {
  readonly packages: readonly string[]
  constructor(packages: readonly string[], usedBy: string, cause?: unknown, scope: InstallScope = 'prod') {
    super(
      'LINECAST_PEER_MISSING',
      `${usedBy} needs ${packages.join(' and ')}, which is not installed: run \`${installCommand(packages, scope)}\``,
      { cause },
    )
    this.packages = packages
  }
}

/** `dev`: a tool only the build uses (`linecast generate`), installed as a devDependency. */
export type InstallScope = 'prod' | 'dev'

/** The command that installs `packages`. */
export function installCommand(packages: readonly string[], scope: InstallScope = 'prod'): string {
  return `npm install ${scope === 'dev' ? '--save-dev ' : ''}${packages.join(' ')}`
}

/** The package a bare specifier belongs to: `@scope/name/sub` -> `@scope/name`. */
export function packageOf(specifier: string): string {
  const parts = specifier.split('/')
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier)
}

/**
 * The package that could not be found, when `error` is Node's "cannot find
 * package" for one of `candidates` (so a broken install of a present package
 * is not reported as missing).
 */
export function missingPackage(error: unknown, candidates: readonly string[]): string | undefined {
  const code = (error as { code?: unknown } | null)?.code
  if (code !== 'ERR_MODULE_NOT_FOUND' && code !== 'MODULE_NOT_FOUND') return undefined
  const message = error instanceof Error ? error.message : String(error)
  return candidates.find((pkg) => message.includes(`'${pkg}'`) || message.includes(`'${pkg}/`))
}

const requireFromHere = createRequire(import.meta.url)

/**
 * Loads `specifier` synchronously (its CommonJS build), or throws
 * `PeerDependencyMissingError` when it, or one of the peers it needs in turn
 * (`alsoNeeds`), is not installed.
 */
export function requirePeer<T>(specifier: string, usedBy: string, alsoNeeds: readonly string[] = [], scope: InstallScope = 'prod'): T {
  try {
    return requireFromHere(specifier) as T
  } catch (error) {
    const pkg = missingPackage(error, [packageOf(specifier), ...alsoNeeds])
    if (pkg !== undefined) throw new PeerDependencyMissingError([pkg], usedBy, error, scope)
    throw error
  }
}

/** Imports `specifier`, or throws `PeerDependencyMissingError`. */
export async function importPeer<T>(specifier: string, usedBy: string): Promise<T> {
  try {
    return (await import(specifier)) as T
  } catch (error) {
    const pkg = packageOf(specifier)
    if (missingPackage(error, [pkg]) !== undefined) throw new PeerDependencyMissingError([pkg], usedBy, error)
    throw error
  }
}

/**
 * Runs `load` (a dynamic import of a linecast module that needs `packages`);
 * when one of them is not installed, throws `PeerDependencyMissingError`.
 */
export async function loadWithPeers<T>(load: () => Promise<T>, packages: readonly string[], usedBy: string): Promise<T> {
  try {
    return await load()
  } catch (error) {
    const pkg = missingPackage(error, packages)
    if (pkg !== undefined) throw new PeerDependencyMissingError([pkg], usedBy, error)
    throw error
  }
}
