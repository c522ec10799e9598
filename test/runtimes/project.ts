/**
 * A catalog with events for every runtime, generated into a directory inside
 * the repository (so `zod` and `linecast` resolve), and the Node logger built
 * from its generated events.ts: the fixture the runtime tests share.
 */
import { spawn } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { createLogger } from '../../emitters/index.js'
import type { LinecastLogger } from '../../emitters/index.js'
import type { Catalog } from '../../schema/define.js'
import { CaptureStream } from '../emitters/capture.js'
import { repoRoot, runInProcess } from '../cli/run-cli.js'

export const PII_KEY = 'runtime-test-hmac-key'

export const CATALOG_YAML = `catalog: 1
service: shop
environment: test
piiKey: \${RUNTIME_TEST_PII_KEY}
redact: [internal_code]
context: [requestId, userId]
targets: [browser, python]
destinations:
  posthog: { kind: posthog, apiKey: phc_runtime_test, host: "\${POSTHOG_HOST:-http://127.0.0.1:9}" }
events:
  signup_form_submitted:
    kind: analytics
    runtimes: [server, browser, python]
    description: A visitor submitted the signup form.
    distinctId: userId
    message: "Signup form submitted for {plan}"
    properties:
      email: { type: string, format: email, pii: hash }
      plan: { type: enum, values: [free, pro] }
      seats: { type: integer, min: 1 }
      coupon: { type: string, optional: true }
    to: [posthog]
  checkout_viewed:
    kind: analytics
    runtimes: [browser]
    description: A visitor opened the checkout page.
    message: "Checkout {cartId} viewed"
    properties:
      cartId: { type: string }
      total: { type: number, min: 0 }
      customer:
        type: object
        properties:
          email: { type: string, pii: hash }
          country: { type: string }
  invoice_paid:
    kind: audit
    runtimes: [server, python]
    audit: { action: invoice.pay, resourceType: invoice, resourceId: invoiceId }
    description: A customer paid an invoice.
    message: "Invoice {invoiceId} paid by {userId}"
    properties:
      invoiceId: { type: string, pattern: "^inv_[0-9]+$" }
      amount: { type: number, min: 0 }
      customerEmail: { type: string, format: email, pii: hash }
      note: { type: string, optional: true }
      internal_code: { type: string, optional: true }
      tags: { type: array, items: { type: string }, optional: true }
      address:
        type: object
        optional: true
        properties:
          city: { type: string }
          street: { type: string, pii: redact }
  server_task_completed:
    kind: analytics
    description: An event only the server writes.
    properties:
      count: { type: integer }
`

export interface RuntimeProject {
  dir: string
  catalogFile: string
  generated: string
  remove(): void
}

/** Writes the catalog and runs `linecast generate` on it (targets browser and python). */
export async function createRuntimeProject(): Promise<RuntimeProject> {
  const base = join(repoRoot, '.linecast')
  mkdirSync(base, { recursive: true })
  const dir = mkdtempSync(join(base, 'runtimes-'))
  const catalogFile = join(dir, 'events.catalog.yaml')
  writeFileSync(catalogFile, CATALOG_YAML)
  const result = await runInProcess(dir, ['generate', '--catalog', catalogFile, '--out', join(dir, 'generated')])
  if (result.code !== 0) throw new Error(`generate failed: ${result.stderr}`)
  return { dir, catalogFile, generated: join(dir, 'generated'), remove: () => rmSync(dir, { recursive: true, force: true }) }
}

/** The Node logger over the project's generated events.ts, writing to a capture stream. */
/** Events by name, untyped: the project's catalog is generated at test time. */
export type AnyEvents = Record<string, Record<string, unknown>>

export async function nodeLogger(project: RuntimeProject): Promise<{ log: LinecastLogger<AnyEvents>; out: CaptureStream; catalog: Catalog<AnyEvents> }> {
  const module = (await import(join(project.generated, 'events.ts'))) as { catalog: Catalog<AnyEvents> }
  const out = new CaptureStream()
  const log = createLogger<AnyEvents>({ catalog: module.catalog, destination: out, piiKey: PII_KEY, env: 'test' })
  return { log, out, catalog: module.catalog }
}

export interface PythonResult {
  code: number | null
  stdout: string
  stderr: string
}

/** Runs a program to its end, feeding `stdin` when given, and collects what it printed. */
export function runProcess(
  command: string,
  args: readonly string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; stdin?: string } = {},
): Promise<PythonResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c))
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c))
    child.once('error', reject)
    child.once('close', (code) => resolve({ code, stdout, stderr }))
    child.stdin.end(options.stdin ?? '')
  })
}

/** Runs a Python script with the project's generated events.py importable as `events`. */
export function runPython(project: RuntimeProject, script: string, env: Record<string, string> = {}): Promise<PythonResult> {
  return runProcess('python3', ['-c', script], {
    env: { PATH: process.env.PATH ?? '', PYTHONPATH: project.generated, RUNTIME_TEST_PII_KEY: PII_KEY, LINECAST_ENV: 'test', ...env },
  })
}

export function parseLines(text: string): Record<string, unknown>[] {
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>)
}
