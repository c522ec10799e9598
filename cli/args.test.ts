import { describe, expect, it } from 'vitest'
import { parseCommandArgs, splitTopLevel } from './args.js'
import { defineCommand } from './command.js'
import { UsageError } from './errors.js'
import { commandHelp, usageLine } from './help.js'

const sample = defineCommand({
  name: 'sample',
  summary: 'a command for the tests',
  options: {
    catalog: { type: 'string', valueName: 'FILE', default: 'events.catalog.yaml', description: 'the catalog' },
    since: { type: 'string', valueName: 'TIME', description: 'start time' },
    follow: { type: 'boolean', short: 'f', description: 'keep reading' },
  },
  async run() {
    return 0
  },
})

describe('parseCommandArgs', () => {
  it('applies defaults and reads flags', () => {
    const parsed = parseCommandArgs(sample, ['-f', '--since', '1h'])
    expect(parsed.values).toEqual({ catalog: 'events.catalog.yaml', since: '1h', follow: true })
    expect(parsed.help).toBe(false)
    const catalog: string = parsed.values.catalog
    const since: string | undefined = parsed.values.since
    expect([catalog, since]).toEqual(['events.catalog.yaml', '1h'])
  })

  it('recognizes --help and -h on every command', () => {
    expect(parseCommandArgs(sample, ['--help']).help).toBe(true)
    expect(parseCommandArgs(sample, ['-h']).help).toBe(true)
  })

  it('turns an unknown flag, a missing value or a stray positional into a UsageError', () => {
    for (const argv of [['--nope'], ['--since'], ['extra']]) {
      expect(() => parseCommandArgs(sample, argv), argv.join(' ')).toThrow(UsageError)
    }
    try {
      parseCommandArgs(sample, ['--nope'])
    } catch (error) {
      expect((error as UsageError).code).toBe('LINECAST_USAGE')
      expect((error as UsageError).command).toBe('sample')
      expect((error as UsageError).message).toContain("'--nope'")
    }
  })
})

describe('splitTopLevel', () => {
  it('finds help, version and the command', () => {
    expect(splitTopLevel([])).toEqual({ flag: 'help', rest: [] })
    expect(splitTopLevel(['--help'])).toEqual({ flag: 'help', rest: [] })
    expect(splitTopLevel(['--version'])).toEqual({ flag: 'version', rest: [] })
    expect(splitTopLevel(['help', 'check'])).toEqual({ command: 'check', rest: ['--help'] })
    expect(splitTopLevel(['check', '--out', 'x'])).toEqual({ command: 'check', rest: ['--out', 'x'] })
    expect(() => splitTopLevel(['--bogus'])).toThrow(UsageError)
  })
})

describe('help', () => {
  it('shows every option with its default', () => {
    expect(usageLine(sample)).toBe('linecast sample [--catalog FILE] [--since TIME] [--follow]')
    const help = commandHelp(sample)
    expect(help).toContain('--catalog FILE')
    expect(help).toContain('the catalog (default: events.catalog.yaml)')
    expect(help).toContain('-f, --follow')
    expect(help).toContain('-h, --help')
  })
})
