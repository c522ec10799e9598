import { describe, expect, it } from 'vitest'
import { auditLogSqlText, auditLogStatements, splitStatements } from './audit-log-sql.js'
import { InvalidTableNameError, parseTableName } from './identifier.js'

describe('audit_log.sql rendering', () => {
  it('reads the shipped file', () => {
    expect(auditLogSqlText()).toContain('create table if not exists audit_log')
  })

  it('renders the default table with quoted names and no comments', () => {
    const statements = auditLogStatements()
    expect(statements[0]).toMatch(/^create table if not exists "audit_log" \( id uuid primary key,/)
    expect(statements).toContain('create index if not exists "audit_log_created_at_idx" on "audit_log" (created_at)')
    expect(statements.join(' ')).not.toContain('--')
  })

  it('renames the table and its indexes, and creates the schema first', () => {
    const statements = auditLogStatements('ops.events_audit')
    expect(statements[0]).toBe('create schema if not exists "ops"')
    expect(statements[1]).toMatch(/^create table if not exists "ops"\."events_audit" \(/)
    expect(statements).toContain(
      'create index if not exists "events_audit_action_created_at_idx" on "ops"."events_audit" (action, created_at)',
    )
    expect(statements.join(' ')).not.toMatch(/\baudit_log/)
  })

  it('splits statements and drops comments', () => {
    expect(splitStatements('-- a; b\nselect 1;\n\nselect 2 -- c;\n;')).toEqual(['select 1', 'select 2'])
  })

  it('refuses table names that are not plain identifiers', () => {
    for (const bad of ['audit log', 'a;drop table x', '"x"', '1abc', 'a.b.c', '', 'x'.repeat(41)]) {
      expect(() => parseTableName(bad), bad).toThrow(InvalidTableNameError)
    }
    expect(parseTableName('Audit_2').quoted).toBe('"Audit_2"')
    expect(() => auditLogStatements('bad name')).toThrow(/not a usable table name/)
  })
})
