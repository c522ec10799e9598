import { describe, expect, test } from 'vitest'
import { expandEnv, expandSettings, missingVariables, parseTemplate } from './env.js'

describe('expandEnv', () => {
  const env = { SENTRY_DSN: 'https://k@sentry.example/1', EMPTY: '', PORT: '8080' }

  test('replaces ${VAR} with its value', () => {
    expect(expandEnv('${SENTRY_DSN}', env)).toBe('https://k@sentry.example/1')
    expect(expandEnv('http://localhost:${PORT}/x', env)).toBe('http://localhost:8080/x')
  })

  test('uses the default of ${VAR:-default} when the variable is unset or empty', () => {
    expect(expandEnv('${POSTHOG_HOST:-https://us.i.posthog.com}', env)).toBe('https://us.i.posthog.com')
    expect(expandEnv('${EMPTY:-fallback}', env)).toBe('fallback')
    expect(expandEnv('${PORT:-1}', env)).toBe('8080')
    expect(expandEnv('${UNSET:-}', env)).toBe('')
  })

  test('returns undefined when a ${VAR} without default is unset or empty', () => {
    expect(expandEnv('${UNSET}', env)).toBeUndefined()
    expect(expandEnv('${EMPTY}', env)).toBeUndefined()
    expect(expandEnv('prefix-${UNSET}-suffix', env)).toBeUndefined()
  })

  test('leaves text without templates as it is', () => {
    expect(expandEnv('audit_log', env)).toBe('audit_log')
    expect(expandEnv('cost is $5', env)).toBe('cost is $5')
  })
})

describe('expandSettings', () => {
  test('expands strings at any depth and lists missing variables once', () => {
    const { settings, missing } = expandSettings(
      {
        dsn: '${SENTRY_DSN}',
        host: '${HOST:-https://h.example}',
        token: '${TOKEN}',
        nested: { a: '${TOKEN}', b: '${SENTRY_DSN}', n: 3 },
        list: ['${SENTRY_DSN}', '${OTHER}'],
        flag: true,
      },
      { SENTRY_DSN: 'dsn' },
    )
    expect(settings).toEqual({ dsn: 'dsn', host: 'https://h.example', nested: { b: 'dsn', n: 3 }, list: ['dsn'], flag: true })
    expect(missing.sort()).toEqual(['OTHER', 'TOKEN'])
  })
})

describe('templates', () => {
  test('reads references and their defaults', () => {
    expect(parseTemplate('${A}-${B:-x}').references).toEqual([{ name: 'A' }, { name: 'B', fallback: 'x' }])
    expect(missingVariables('${A}-${B:-x}-${C}', { C: 'c' })).toEqual(['A'])
  })

  test('reports malformed templates', () => {
    expect(parseTemplate('${SENTRY DSN}').problems).toHaveLength(1)
    expect(parseTemplate('${UNCLOSED').problems).toHaveLength(1)
    expect(parseTemplate('${OK}').problems).toHaveLength(0)
  })
})
