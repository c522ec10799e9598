import { describe, expect, test } from 'vitest'
import { LINT_RULES } from './lint.js'
import { loadCatalogText } from './load.js'
import { endsInPastTense, pastTense, suggestPastTenseName } from './past-tense.js'

describe('pastTense', () => {
  test('regular, -e, consonant + y, doubled short verbs and irregulars', () => {
    expect(['generate', 'start', 'apply', 'stop', 'open', 'edit', 'view', 'play', 'send', 'pay', 'build', 'failed'].map(pastTense)).toEqual([
      'generated', 'started', 'applied', 'stopped', 'opened', 'edited', 'viewed', 'played', 'sent', 'paid', 'built', 'failed',
    ])
  })
})

describe('suggestPastTenseName', () => {
  test('puts the last word in the past tense', () => {
    expect(suggestPastTenseName('logo_generate')).toBe('logo_generated')
    expect(suggestPastTenseName('checkout_start')).toBe('checkout_started')
    expect(suggestPastTenseName('role_change')).toBe('role_changed')
    expect(suggestPastTenseName('page_view')).toBe('page_viewed')
  })
  test('moves a leading verb after its object', () => {
    expect(suggestPastTenseName('generate_logo')).toBe('logo_generated')
    expect(suggestPastTenseName('create_brand_kit')).toBe('brand_kit_created')
    expect(suggestPastTenseName('sign_up_user')).toBe('user_signed_up')
  })
  test('spells out compound words', () => {
    expect(suggestPastTenseName('user_signup')).toBe('user_signed_up')
    expect(suggestPastTenseName('checkout')).toBe('checked_out')
    expect(suggestPastTenseName('user_login')).toBe('user_logged_in')
  })
  test('every suggestion passes the rule it is suggested for', () => {
    for (const name of ['logo_generate', 'generate_logo', 'user_signup', 'checkout', 'sign_up_user', 'brand', 'role_change', 'page_view'])
      expect(endsInPastTense(suggestPastTenseName(name)), name).toBe(true)
  })
})

describe('LC_EVENT_NAME_TENSE message', () => {
  test('suggests the name the rule asks for', () => {
    const text = ['catalog: 1', 'service: s', 'events:', '  generate_logo: { kind: analytics, description: d }', '  logo_generate: { kind: analytics, description: d }', ''].join('\n')
    const messages = loadCatalogText(text, 'c.yaml')
      .diagnostics.filter((d) => d.code === 'LC_EVENT_NAME_TENSE')
      .map((d) => d.message)
    expect(messages).toHaveLength(2)
    expect(messages[0]).toContain('e.g. `logo_generated`')
    expect(messages[1]).toContain('e.g. `logo_generated`')
    expect(LINT_RULES.some((r) => r.code === 'LC_EVENT_NAME_TENSE')).toBe(true)
  })
})
