/** Usage and help texts, built from the command definitions. */
import type { Command, OptionSpec } from './command.js'

function optionLabel(name: string, spec: OptionSpec): string {
  const short = spec.short !== undefined ? `-${spec.short}, ` : ''
  const value = spec.type === 'string' ? ` ${spec.valueName ?? 'VALUE'}` : ''
  return `${short}--${name}${value}`
}

export function usageLine(command: Command): string {
  const options = Object.entries(command.options).map(([name, spec]) => `[${optionLabel(name, spec).replace(/^-., /, '')}]`)
  const positionals = command.positionals !== undefined && command.positionals.length > 0 ? [command.positionals] : []
  return ['linecast', command.name, ...options, ...positionals].join(' ')
}

export function commandHelp(command: Command): string {
  const entries: [string, string][] = Object.entries(command.options).map(([name, spec]) => {
    const dflt = spec.default !== undefined && spec.default !== false ? ` (default: ${String(spec.default)})` : ''
    return [optionLabel(name, spec), `${spec.description}${dflt}`]
  })
  entries.push(['-h, --help', 'show this help'])
  const width = Math.max(...entries.map(([label]) => label.length))
  const lines = [
    `usage: ${usageLine(command)}`,
    '',
    command.summary,
    ...(command.description !== undefined ? ['', command.description] : []),
    '',
    'options:',
    ...entries.map(([label, text]) => `  ${label.padEnd(width)}  ${text}`),
  ]
  return lines.join('\n')
}

export function topLevelHelp(commands: readonly Command[], version: string): string {
  const width = Math.max(...commands.map((c) => c.name.length))
  return [
    `linecast ${version}: a typed event catalog compiled into validated, routed pino lines`,
    '',
    'usage: linecast <command> [options]',
    '',
    'commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'options:',
    '  -h, --help     show help (also: linecast <command> --help)',
    '  -v, --version  print the version',
  ].join('\n')
}
