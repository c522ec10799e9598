/**
 * Which source the positionals of `linecast tail` name: nothing (stdin), one
 * existing file, or a command (`linecast tail -- node server.js`). A single
 * word that is not a file is run as a command, unless -f asks to follow a file.
 */
import { existsSync, statSync } from 'node:fs'
import { resolve } from 'node:path'
import type { Readable } from 'node:stream'
import { TailUsageError } from './errors.js'
import type { TailSource } from './reader.js'

export interface SourceChoice {
  positionals: string[]
  follow: boolean
  cwd: string
  env: NodeJS.ProcessEnv
  stdin: Readable & { isTTY?: boolean }
  pollMs?: number
}

function isFile(path: string): boolean {
  return existsSync(path) && statSync(path).isFile()
}

export function chooseSource(choice: SourceChoice): TailSource {
  const [first, ...rest] = choice.positionals
  if (first === undefined) {
    if (choice.follow) throw new TailUsageError('-f follows a file: name it, e.g. linecast tail -f app.log')
    if (choice.stdin.isTTY === true) {
      throw new TailUsageError(
        'nothing to read: pipe a stream (node server.js | linecast tail), name a file, or run a command (linecast tail -- node server.js)',
      )
    }
    return { type: 'stream', stream: choice.stdin }
  }
  const path = resolve(choice.cwd, first)
  if (rest.length === 0 && (choice.follow || isFile(path))) {
    if (!isFile(path)) throw new TailUsageError(`${first} is not a file; check the path`)
    return choice.pollMs === undefined
      ? { type: 'file', path, follow: choice.follow }
      : { type: 'file', path, follow: choice.follow, pollMs: choice.pollMs }
  }
  if (choice.follow) throw new TailUsageError('-f follows a file, not a command; drop -f to run the command')
  return { type: 'command', command: first, args: rest, env: choice.env, cwd: choice.cwd }
}
