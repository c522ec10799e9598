import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PassThrough } from 'node:stream'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DATABASE_URL, requireService } from '../../test/support/services.js'
import { uniqueTable } from '../../test/transports/audit-log-fixtures.js'
import { AuditLogMigrateError } from '../../transports/sinks/audit-log/index.js'
import type { OptionValues } from '../command.js'
import { createOutput } from '../output.js'
import { migrateCommand } from './migrate.js'

type Values = OptionValues<typeof migrateCommand.options>

/** A fresh embedded PGlite runs initdb in WASM first: tens of seconds on a loaded 2-core host. */
const PGLITE_INIT_MS = 120_000

async function run(values: Partial<Values>, env: NodeJS.ProcessEnv, cwd: string): Promise<{ code: number; stdout: string }> {
  const stdout = new PassThrough()
  const chunks: string[] = []
  stdout.on('data', (c: Buffer) => chunks.push(c.toString()))
  const code = await migrateCommand.run({
    values: { catalog: undefined, table: undefined, 'data-dir': undefined, 'database-url': undefined, ...values },
    positionals: [],
    out: createOutput({ stdout, stderr: new PassThrough() }),
    cwd,
    env,
    signal: new AbortController().signal,
  })
  return { code, stdout: chunks.join('') }
}

describe('linecast migrate', () => {
  const cwd = mkdtempSync(join(tmpdir(), 'linecast-migrate-'))
  const table = uniqueTable()
  let admin: pg.Client
  beforeAll(async () => {
    await requireService('postgres')
    admin = new pg.Client(DATABASE_URL)
    await admin.connect()
  })
  afterAll(async () => {
    await admin.query(`drop table if exists "${table}"`)
    await admin.end()
    rmSync(cwd, { recursive: true, force: true })
  })

  it('creates the table in the Postgres of --database-url, then finds it up to date', async () => {
    const url = new URL(DATABASE_URL)
    const shown = `${url.protocol}//${url.username}@${url.host}${url.pathname}`
    expect(await run({ 'database-url': DATABASE_URL, table }, {}, cwd)).toEqual({ code: 0, stdout: `created table ${table} in ${shown}\n` })
    expect(await run({ table }, { DATABASE_URL }, cwd)).toEqual({ code: 0, stdout: `table ${table} in ${shown} is up to date\n` })
    const { rows } = await admin.query('select to_regclass($1) is not null as exists', [`"${table}"`])
    expect(rows[0]).toEqual({ exists: true })
  })

  it('migrates the embedded PGlite under the working directory when no URL is given', async () => {
    expect(await run({ 'data-dir': 'db' }, {}, cwd)).toEqual({ code: 0, stdout: 'created table audit_log in PGlite at db\n' })
  }, PGLITE_INIT_MS)

  it('fails with a message that says what to check, the password hidden', async () => {
    const failing = run({ 'database-url': 'postgres://postgres:secret@127.0.0.1:1/test' }, {}, cwd)
    await expect(failing).rejects.toBeInstanceOf(AuditLogMigrateError)
    await expect(failing).rejects.not.toThrow(/secret/)
  })
})

describe('linecast migrate with a catalog', () => {
  const cwd = mkdtempSync(join(tmpdir(), 'linecast-migrate-catalog-'))
  const table = uniqueTable()
  const override = uniqueTable()
  let admin: pg.Client
  const exists = async (name: string): Promise<boolean> => {
    const { rows } = await admin.query<{ exists: boolean }>('select to_regclass($1) is not null as exists', [`"${name}"`])
    return rows[0]?.exists === true
  }
  beforeAll(async () => {
    await requireService('postgres')
    admin = new pg.Client(DATABASE_URL)
    await admin.connect()
    writeFileSync(
      join(cwd, 'events.catalog.yaml'),
      [
        'catalog: 1',
        'service: migrate-test',
        'destinations:',
        '  audit: { kind: audit_log, databaseUrl: "${DATABASE_URL}", table: "${AUDIT_TABLE}" }',
        '  archive: { kind: audit_log, dataDir: archive-db, table: ops_archive }',
        'events:',
        '  ai_api_call:',
        '    kind: cost',
        '    description: One AI call.',
        '    owner: platform',
        '    properties:',
        '      model: { type: string }',
        '    to: [audit, archive]',
        '',
      ].join('\n'),
    )
  })
  afterAll(async () => {
    for (const name of [table, override]) await admin.query(`drop table if exists "${name}"`)
    await admin.end()
    rmSync(cwd, { recursive: true, force: true })
  })

  it('creates the table of every audit_log destination in its own database, then finds them up to date', async () => {
    const first = await run({}, { DATABASE_URL, AUDIT_TABLE: table }, cwd)
    expect(first.code).toBe(0)
    expect(first.stdout).toMatch(new RegExp(`^audit: created table ${table} in postgres://.*\narchive: created table ops_archive in PGlite at archive-db\n$`))
    expect(await exists(table)).toBe(true)
    const again = await run({}, { DATABASE_URL, AUDIT_TABLE: table }, cwd)
    expect(again.stdout).toMatch(/^audit: table .* is up to date\narchive: table ops_archive in PGlite at archive-db is up to date\n$/)
  }, PGLITE_INIT_MS)

  it('lets the flags override every destination', async () => {
    const result = await run({ 'database-url': DATABASE_URL, table: override }, {}, cwd)
    expect(result.code).toBe(0)
    expect(result.stdout.trim().split('\n')).toHaveLength(2)
    expect(result.stdout).toContain(`audit: created table ${override}`)
    expect(result.stdout).toContain(`archive: table ${override}`)
    expect(await exists(override)).toBe(true)
  })

  it('names the variable a destination needs instead of migrating the wrong database', async () => {
    const result = await run({}, { AUDIT_TABLE: table }, cwd)
    expect(result.code).toBe(1)
    expect(result.stdout).toContain('archive: table ops_archive in PGlite at archive-db is up to date')
  }, PGLITE_INIT_MS)
})
