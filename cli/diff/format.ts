/**
 * The three ways a comparison is printed: text lines in the diagnostics'
 * `file:line:col` style, one JSON document, or GitHub workflow commands
 * (`::error file=...,line=...,col=...::message`) that annotate the pull request.
 */
import type { GatedChange } from '../../schema/diff/index.js'
import { annotation } from '../annotations.js'
import type { BaseComparison } from './compare.js'

export const DIFF_FORMATS = ['text', 'json', 'github'] as const
export type DiffFormat = (typeof DIFF_FORMATS)[number]

export function isDiffFormat(value: string): value is DiffFormat {
  return (DIFF_FORMATS as readonly string[]).includes(value)
}

export interface ChangeCounts {
  breaking: number
  /** breaking changes the version rule accepts */
  accepted: number
  additions: number
  other: number
}

export function countChanges(changes: readonly GatedChange[]): ChangeCounts {
  const breaking = changes.filter((c) => c.impact === 'breaking')
  return {
    breaking: breaking.length,
    accepted: breaking.filter((c) => c.accepted === true).length,
    additions: changes.filter((c) => c.impact === 'addition').length,
    other: changes.filter((c) => c.impact === 'change').length,
  }
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`
}

export function summaryText(comparison: BaseComparison): string {
  const c = countChanges(comparison.changes)
  if (comparison.changes.length === 0) return `no changes to ${comparison.repoPath} since ${comparison.ref}`
  const accepted = c.breaking > 0 ? ` (${c.accepted} accepted by a version bump)` : ''
  return `${plural(c.breaking, 'breaking change')}${accepted}, ${plural(c.additions, 'addition')}, ${plural(c.other, 'other change')} since ${comparison.ref}`
}

function verdictText(change: GatedChange): string {
  if (change.impact !== 'breaking') return ''
  return change.accepted === true ? ` [accepted: ${change.verdict ?? ''}]` : ` [${change.verdict ?? ''}]`
}

/** `events.catalog.yaml:12:7 breaking property_removed ...`; removals point into `<ref>:events.catalog.yaml`. */
export function changeLine(change: GatedChange): string {
  const { file, line, column } = change.location
  return `${file}:${line}:${column} ${change.impact} ${change.code} ${change.message}${verdictText(change)}`
}

export function renderText(comparison: BaseComparison): string[] {
  return [...comparison.changes.map(changeLine), summaryText(comparison)]
}

export function renderJson(comparison: BaseComparison): string {
  const changes = comparison.changes.map((c) => ({
    impact: c.impact,
    code: c.code,
    ...(c.event !== undefined ? { event: c.event } : {}),
    ...(c.property !== undefined ? { property: c.property } : {}),
    message: c.message,
    file: c.location.file,
    line: c.location.line,
    column: c.location.column,
    ...(c.accepted !== undefined ? { accepted: c.accepted, verdict: c.verdict } : {}),
  }))
  return JSON.stringify(
    { base: comparison.ref, catalog: comparison.repoPath, baseMissing: comparison.baseMissing, summary: countChanges(comparison.changes), changes },
    null,
    2,
  )
}

function annotationKind(change: GatedChange): 'error' | 'warning' | 'notice' {
  if (change.impact !== 'breaking') return 'notice'
  return change.accepted === true ? 'warning' : 'error'
}

/** One annotation, always on the current catalog (a removal names the base line in its message). */
export function githubAnnotation(change: GatedChange): string {
  const { file, line, column } = change.currentLocation
  const title = change.impact === 'breaking' ? `breaking change: ${change.code}` : `${change.impact}: ${change.code}`
  const where = change.side === 'base' ? ` (was at ${change.location.file}:${change.location.line})` : ''
  return annotation(annotationKind(change), { file, line, column }, `linecast ${title}`, `${change.message}${where}${verdictText(change)}`)
}

export function renderGithub(comparison: BaseComparison): string[] {
  return comparison.changes.map(githubAnnotation)
}
