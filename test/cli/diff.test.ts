/** `linecast diff` and `linecast check --base` on real git history in a temporary repository. */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runInProcess, type InProcessResult } from './run-cli.js'

const BASE = `catalog: 1
service: shop
context: [userId]
destinations:
  posthog: { kind: posthog, apiKey: "\${POSTHOG_API_KEY}" }
events:
  signup_completed:
    kind: analytics
    description: A user finished signing up.
    owner: growth
    distinctId: userId
    properties:
      plan: { type: enum, values: [free, pro] }
      email: { type: string, format: email, pii: hash }
      referrer: { type: string, optional: true }
    to: [posthog]
  order_refunded:
    kind: audit
    description: An order was refunded.
    audit: { action: order.refund, resourceType: order, resourceId: orderId }
    properties:
      orderId: { type: string }
      amountCents: { type: integer, min: 0 }
      reason: { type: string, maxLength: 200, optional: true }
  cart_abandoned:
    kind: analytics
    description: A cart was left without checkout.
    properties:
      cartId: { type: string }
`

function linecast(cwd: string, argv: string[]): Promise<InProcessResult> {
  return runInProcess(cwd, argv)
}

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=linecast', '-c', 'user.email=linecast@example.com', ...args], { cwd, encoding: 'utf8' })
}

async function generate(cwd: string): Promise<void> {
  const result = await linecast(cwd, ['generate'])
  if (result.code !== 0) throw new Error(`generate failed: ${result.stderr}`)
}

/** The line number (1-based) of the first line containing `text`. */
function lineOf(text: string, needle: string): number {
  const index = text.split('\n').findIndex((line) => line.includes(needle))
  if (index < 0) throw new Error(`${needle} not found`)
  return index + 1
}

describe('linecast diff and check --base', () => {
  let repo = ''
  const catalog = (): string => join(repo, 'events.catalog.yaml')
  const write = (text: string): void => writeFileSync(catalog(), text)

  beforeAll(async () => {
    repo = mkdtempSync(join(tmpdir(), 'linecast-diff-'))
    git(repo, 'init', '-q', '-b', 'main')
    write(BASE)
    await generate(repo)
    git(repo, 'add', '.')
    git(repo, 'commit', '-q', '-m', 'catalog')
  })
  afterAll(() => {
    if (repo !== '') rmSync(repo, { recursive: true, force: true })
  })

  it('classifies each unstaged change with the file:line it is at', async () => {
    const changed = BASE.replace('values: [free, pro]', 'values: [free, team]')
      .replace('      referrer: { type: string, optional: true }\n', '      referrer: { type: string, optional: true }\n      locale: { type: string, optional: true }\n')
      .replace('amountCents: { type: integer, min: 0 }', 'amountCents: { type: number, min: 0 }')
      .replace('maxLength: 200, optional: true', 'maxLength: 100')
      .replace('distinctId: userId', 'distinctId: email')
      .replace(/  cart_abandoned:[\s\S]*$/, '  order_shipped:\n    kind: analytics\n    description: An order left the warehouse.\n')
    write(changed)
    const result = await linecast(repo, ['diff', '--base', 'main'])
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    const lines = result.stdout.trimEnd().split('\n')
    const at = (needle: string): string => `events.catalog.yaml:${lineOf(changed, needle)}:`
    expect(lines).toEqual([
      expect.stringMatching(new RegExp(`^main:events\\.catalog\\.yaml:${lineOf(BASE, 'cart_abandoned:')}:3 breaking event_removed event \`cart_abandoned\` was removed`)),
      expect.stringMatching(new RegExp(`^${at('amountCents')}\\d+ breaking type_changed \`order_refunded.amountCents\` changed type from integer to number`)),
      expect.stringMatching(new RegExp(`^${at('reason:')}\\d+ breaking made_required \`order_refunded.reason\` is required now`)),
      expect.stringMatching(new RegExp(`^${at('reason:')}\\d+ breaking constraint_narrowed \`order_refunded.reason\` maxLength 200 -> 100`)),
      expect.stringMatching(new RegExp(`^${at('order_shipped:')}3 addition event_added new event \`order_shipped\``)),
      expect.stringMatching(new RegExp(`^main:events\\.catalog\\.yaml:${lineOf(BASE, 'values: [free, pro]')}:42 breaking enum_value_removed .*no longer accepts \`pro\``)),
      expect.stringMatching(new RegExp(`^${at('values: [free, team]')}42 addition enum_value_added .*\`team\``)),
      expect.stringMatching(new RegExp(`^${at('locale:')}7 addition property_added \`signup_completed\` has a new optional property \`locale\``)),
      expect.stringMatching(new RegExp(`^${at('distinctId')}5 breaking distinct_id_changed`)),
      '6 breaking changes (0 accepted by a version bump), 3 additions, 0 other changes since main',
    ])
    const breaking = lines.filter((l) => /^\S+:\d+:\d+ breaking /.test(l))
    expect(breaking).toHaveLength(6)
    expect(breaking.every((l) => l.includes('bump `version`') || l.includes('deprecated:'))).toBe(true)
  })

  it('reports a removed and an added property of the same type as a probable rename, in JSON', async () => {
    write(BASE.replace('cartId: { type: string }', 'basketId: { type: string }'))
    const result = await linecast(repo, ['diff', '--base', 'main', '--format', 'json'])
    expect(result.code).toBe(0)
    const report = JSON.parse(result.stdout) as { summary: unknown; changes: Record<string, unknown>[] }
    expect(report.summary).toEqual({ breaking: 1, accepted: 0, additions: 0, other: 0 })
    expect(report.changes).toEqual([
      {
        impact: 'breaking',
        code: 'property_renamed',
        event: 'cart_abandoned',
        property: 'basketId',
        message: expect.stringContaining('`cart_abandoned.cartId` was removed and `basketId` (string) added: probably a rename'),
        file: 'events.catalog.yaml',
        line: lineOf(BASE, 'cartId'),
        column: 7,
        accepted: false,
        verdict: 'bump `version` of `cart_abandoned` to 2 to accept it, or make the change compatible',
      },
    ])
  })

  it('check --base fails on a breaking change and passes once the event version is bumped', async () => {
    const breaking = BASE.replace('amountCents: { type: integer, min: 0 }', 'amountCents: { type: integer, min: 1 }')
    write(breaking)
    await generate(repo)
    const failed = await linecast(repo, ['check', '--base', 'main'])
    expect(failed.code).toBe(1)
    expect(failed.stderr).toContain(
      `events.catalog.yaml:${lineOf(breaking, 'amountCents')}:37 breaking constraint_narrowed \`order_refunded.amountCents\` min 0 -> 1`,
    )
    expect(failed.stderr).toContain('error: 1 breaking change since main without a version bump')

    write(breaking.replace('    description: An order was refunded.\n', '    description: An order was refunded.\n    version: 2\n'))
    await generate(repo)
    const passed = await linecast(repo, ['check', '--base', 'main'])
    expect(passed.stderr).toBe('')
    expect(passed.code).toBe(0)
    expect(passed.stdout).toContain('[accepted: version 1 -> 2]')
    expect(passed.stdout).toContain('compatible with main: 1 breaking change (1 accepted by a version bump)')
    expect(passed.stdout).toMatch(/^ok: events.catalog.yaml is valid/m)
  })

  it('compares committed history: HEAD~1 against HEAD, additions only pass check', async () => {
    const added = BASE.replace('      cartId: { type: string }\n', '      cartId: { type: string }\n      items: { type: integer, min: 0, optional: true }\n')
    write(added)
    await generate(repo)
    git(repo, 'commit', '-q', '-am', 'cart items')
    try {
      const diff = await linecast(repo, ['diff', '--base', 'HEAD~1'])
      expect(diff.stdout).toContain(`events.catalog.yaml:${lineOf(added, 'items:')}:7 addition property_added`)
      const none = await linecast(repo, ['diff', '--base', 'HEAD'])
      expect(none.stdout.trim()).toBe('no changes to events.catalog.yaml since HEAD')
      const check = await linecast(repo, ['check', '--base', 'HEAD~1'])
      expect(check.stderr).toBe('')
      expect(check.code).toBe(0)
    } finally {
      git(repo, 'reset', '-q', '--hard', 'main@{1}')
    }
  })

  it('prints GitHub workflow annotations: error for a rejected change, notice for an addition, removals on the current file', async () => {
    const changed = BASE.replace('      email: { type: string, format: email, pii: hash }\n', '').replace(
      '      cartId: { type: string }\n',
      '      cartId: { type: string }\n      total: { type: number, optional: true }\n',
    )
    write(changed)
    await generate(repo)
    const result = await linecast(repo, ['check', '--base', 'main', '--format', 'github'])
    expect(result.code).toBe(1)
    const annotations = result.stdout.split('\n').filter((l) => l.startsWith('::'))
    expect(annotations).toEqual([
      `::notice file=events.catalog.yaml,line=${lineOf(changed, 'total:')},col=7,title=linecast addition%3A property_added::\`cart_abandoned\` has a new optional property \`total\` (number)`,
      `::error file=events.catalog.yaml,line=${lineOf(changed, '    properties:')},col=5,title=linecast breaking change%3A property_removed::` +
        `\`signup_completed\` no longer has \`email\`: call sites passing it fail to compile and consumers lose the field ` +
        `(was at main:events.catalog.yaml:${lineOf(BASE, 'email:')}) [bump \`version\` of \`signup_completed\` to 2 to accept it, or make the change compatible]`,
    ])
  })

  it('fails with a clear error when the ref does not exist', async () => {
    write(BASE)
    for (const command of ['diff', 'check']) {
      const result = await linecast(repo, [command, '--base', 'no-such-branch'])
      expect(result.code).toBe(1)
      expect(result.stderr).toContain('error: git has no commit `no-such-branch` to compare with: check the name, or fetch it first')
      expect(result.stderr).toContain('[LINECAST_BASE_REF_NOT_FOUND]')
    }
  })

  it('treats a catalog that did not exist at the ref as all new', async () => {
    const first = git(repo, 'rev-list', '--max-parents=0', 'HEAD').trim()
    write(BASE)
    git(repo, 'mv', 'events.catalog.yaml', 'shop.catalog.yaml')
    try {
      const result = await linecast(repo, ['diff', '--base', first, '--catalog', 'shop.catalog.yaml'])
      expect(result.code).toBe(0)
      expect(result.stderr).toContain(`warning: shop.catalog.yaml does not exist at ${first}: every event counts as new`)
      expect(result.stdout).toContain(`shop.catalog.yaml:${lineOf(BASE, 'signup_completed:')}:3 addition event_added new event \`signup_completed\``)
    } finally {
      git(repo, 'mv', 'shop.catalog.yaml', 'events.catalog.yaml')
    }
  })

  it('rejects a missing --base, an unknown format and a directory outside git', async () => {
    expect((await linecast(repo, ['diff'])).code).toBe(2)
    const format = await linecast(repo, ['diff', '--base', 'main', '--format', 'xml'])
    expect(format.code).toBe(2)
    expect(format.stderr).toContain("--format must be one of text, json, github, got 'xml'")
    const outside = mkdtempSync(join(tmpdir(), 'linecast-nogit-'))
    try {
      writeFileSync(join(outside, 'events.catalog.yaml'), BASE)
      const result = await linecast(outside, ['diff', '--base', 'main'])
      expect(result.code).toBe(1)
      expect(result.stderr).toContain('[LINECAST_GIT_UNAVAILABLE]')
    } finally {
      rmSync(outside, { recursive: true, force: true })
    }
  })
})
