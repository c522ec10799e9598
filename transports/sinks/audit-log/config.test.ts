import { describe, expect, it } from 'vitest'
import { parseConfig } from './config.js'
import { AuditLogConfigError } from './errors.js'

describe('audit_log settings', () => {
  it('picks PGlite with its defaults when no database is named', () => {
    expect(parseConfig('audit', {})).toEqual({ backend: 'pglite', dataDir: '.linecast/pglite', table: 'audit_log', autoMigrate: true })
  })

  it('treats an empty expanded variable as unset', () => {
    expect(parseConfig('audit', { databaseUrl: '', supabaseUrl: '  ' }).backend).toBe('pglite')
  })

  it('picks Postgres for databaseUrl, without auto-migration unless asked', () => {
    expect(parseConfig('audit', { databaseUrl: 'postgres://u@h/db', table: 'ops.audit', autoMigrate: 'true', poolSize: '2' })).toEqual({
      backend: 'postgres',
      databaseUrl: 'postgres://u@h/db',
      table: 'ops.audit',
      autoMigrate: true,
      applicationName: 'linecast',
      poolSize: 2,
    })
    expect(parseConfig('audit', { databaseUrl: 'postgresql://h/db' })).toMatchObject({ autoMigrate: false })
  })

  it('picks Supabase for supabaseUrl + serviceRoleKey', () => {
    expect(parseConfig('audit', { supabaseUrl: 'https://x.supabase.co', serviceRoleKey: 'k' })).toEqual({
      backend: 'supabase',
      supabaseUrl: 'https://x.supabase.co',
      serviceRoleKey: 'k',
      table: 'audit_log',
    })
  })

  it.each([
    [{ databaseUrl: 'postgres://h/db', supabaseUrl: 'https://x.supabase.co' }, /not both/],
    [{ databaseUrl: 'mysql://h/db' }, /postgres:\/\//],
    [{ supabaseUrl: 'https://x.supabase.co' }, /needs serviceRoleKey/],
    [{ supabaseUrl: 'x.supabase.co', serviceRoleKey: 'k' }, /project URL/],
    [{ supabaseUrl: 'https://x.supabase.co', serviceRoleKey: 'k', autoMigrate: true }, /linecast migrate/],
    [{ table: 'audit log' }, /not a usable table name/],
    [{ table: 'x"; drop table y; --' }, /not a usable table name/],
    [{ autoMigrate: 'yes' }, /setting "autoMigrate"/],
    [{ poolSize: 0 }, /setting "poolSize"/],
  ])('refuses %j with a message that says what to fix', (settings, message) => {
    expect(() => parseConfig('audit', settings)).toThrow(AuditLogConfigError)
    expect(() => parseConfig('audit', settings)).toThrow(message)
  })

  it('names the destination in the error', () => {
    expect(() => parseConfig('compliance', { table: '1x' })).toThrow(/destination "compliance"/)
  })
})
