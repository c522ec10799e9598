import { mkdtempSync, rmSync } from 'node:fs'
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

async function run(values: Partial<Values>, env: NodeJS.ProcessEnv, cwd: string): Promise<{ code: number; stdout: string }> {
  const stdout = new PassThrough()
  const chunks: string[] = []
  stdout.on('data', (c: Buffer) => chunks.push(c.toString()))
  const code = await migrateCommand.run({
    values: { table: 'audit_log', 'data-dir': '.linecast/pglite', 'database-url': undefined, ...values },
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
  })

  it('fails with a message that says what to check, the password hidden', async () => {
    const failing = run({ 'database-url': 'postgres://postgres:secret@127.0.0.1:1/test' }, {}, cwd)
    await expect(failing).rejects.toBeInstanceOf(AuditLogMigrateError)
    await expect(failing).rejects.not.toThrow(/secret/)
  })
})
