/**
 * How `linecast tail` prints one property value: money as dollars, durations
 * in ms or s; text with its control characters escaped.
 */
import { escapeControls } from './escape.js'

const COST_KEY = /(^cost$|_cost$|Cost$|_usd$|Usd$|^usd$)/
const DURATION_KEY = /(_ms$|Ms$|^responseTime$|^duration$|^latency$)/

export function isCostKey(key: string): boolean {
  return COST_KEY.test(key)
}

export function isDurationKey(key: string): boolean {
  return DURATION_KEY.test(key)
}

export function formatCost(value: number): string {
  const sign = value < 0 ? '-' : ''
  return `${sign}$${Math.abs(value).toFixed(4)}`
}

/** 840 -> `840ms`, 1240 -> `1.24s`, 125000 -> `2m05s`. */
export function formatDuration(ms: number): string {
  if (ms < 0) return `-${formatDuration(-ms)}`
  if (ms < 1) return `${Number(ms.toFixed(2))}ms`
  if (ms < 1000) return `${Math.round(ms)}ms`
  if (ms < 60_000) return `${(ms / 1000).toFixed(2)}s`
  const totalSeconds = Math.round(ms / 1000)
  const minutes = Math.floor(totalSeconds / 60)
  const seconds = totalSeconds % 60
  return `${minutes}m${String(seconds).padStart(2, '0')}s`
}

const MAX_TEXT = 120

function formatText(value: string): string {
  const text = value.length > MAX_TEXT ? `${value.slice(0, MAX_TEXT - 1)}…` : value
  return escapeControls(text === '' || /[\s"'=]/.test(text) ? JSON.stringify(text) : text)
}

export function formatValue(key: string, value: unknown): string {
  if (typeof value === 'number') {
    if (isCostKey(key)) return formatCost(value)
    if (isDurationKey(key)) return formatDuration(value)
    return String(value)
  }
  if (typeof value === 'string') return formatText(value)
  if (value === null || typeof value === 'boolean') return String(value)
  if (value === undefined) return 'undefined'
  const json = JSON.stringify(value) ?? String(value)
  return escapeControls(json.length > MAX_TEXT ? `${json.slice(0, MAX_TEXT - 1)}…` : json)
}
