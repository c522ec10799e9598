/**
 * `${VAR}` and `${VAR:-default}` templates in catalog settings. The compiled
 * catalog keeps templates as written; they expand at run time, in the process
 * (or transport worker) that uses them.
 */

const TEMPLATE = /\$\{([^}]*)\}/g
const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/

export interface TemplateReference {
  name: string
  /** the text after `:-`, when the template has a default */
  fallback?: string
}

/** A malformed `${...}` in a template: what is wrong, for a diagnostic. */
export interface TemplateProblem {
  message: string
}

/** Reads every `${...}` reference of a template, or says why one is malformed. */
export function parseTemplate(value: string): { references: TemplateReference[]; problems: TemplateProblem[] } {
  const references: TemplateReference[] = []
  const problems: TemplateProblem[] = []
  for (const match of value.matchAll(TEMPLATE)) {
    const body = match[1] ?? ''
    const split = body.indexOf(':-')
    const name = split === -1 ? body : body.slice(0, split)
    if (!VARIABLE_NAME.test(name)) {
      problems.push({
        message: `\`\${${body}}\` does not name an environment variable: write \`\${NAME}\` or \`\${NAME:-default}\` with NAME made of letters, digits and _`,
      })
      continue
    }
    references.push(split === -1 ? { name } : { name, fallback: body.slice(split + 2) })
  }
  const unclosed = value.replace(TEMPLATE, '').indexOf('${')
  if (unclosed !== -1) problems.push({ message: 'a `${` is never closed: end the template with `}`' })
  return { references, problems }
}

/**
 * Expands `${VAR}` and `${VAR:-default}` from `env`. A default applies when the
 * variable is unset or empty. Returns undefined when a `${VAR}` without default
 * is unset or empty.
 */
export function expandEnv(value: string, env: NodeJS.ProcessEnv): string | undefined {
  let missing = false
  const expanded = value.replace(TEMPLATE, (whole, body: string) => {
    const split = body.indexOf(':-')
    const name = split === -1 ? body : body.slice(0, split)
    if (!VARIABLE_NAME.test(name)) return whole
    const current = env[name]
    if (current !== undefined && current !== '') return current
    if (split !== -1) return body.slice(split + 2)
    missing = true
    return ''
  })
  return missing ? undefined : expanded
}

/** Names of the variables a template needs that are unset or empty (and have no default). */
export function missingVariables(value: string, env: NodeJS.ProcessEnv): string[] {
  const names: string[] = []
  for (const ref of parseTemplate(value).references) {
    const current = env[ref.name]
    if ((current === undefined || current === '') && ref.fallback === undefined) names.push(ref.name)
  }
  return names
}

/**
 * Expands every string in `settings`, at any depth. A setting whose template
 * needs an unset variable is left out of the result, and the variable is
 * listed in `missing` (each name once).
 */
export function expandSettings(
  settings: Record<string, unknown>,
  env: NodeJS.ProcessEnv,
): { settings: Record<string, unknown>; missing: string[] } {
  const missing = new Set<string>()
  const expandValue = (value: unknown): { ok: boolean; value: unknown } => {
    if (typeof value === 'string') {
      const expanded = expandEnv(value, env)
      if (expanded === undefined) {
        for (const name of missingVariables(value, env)) missing.add(name)
        return { ok: false, value: undefined }
      }
      return { ok: true, value: expanded }
    }
    if (Array.isArray(value)) {
      const out: unknown[] = []
      for (const item of value) {
        const result = expandValue(item)
        if (result.ok) out.push(result.value)
      }
      return { ok: true, value: out }
    }
    if (value !== null && typeof value === 'object') {
      return { ok: true, value: expandObject(value as Record<string, unknown>) }
    }
    return { ok: true, value }
  }
  const expandObject = (object: Record<string, unknown>): Record<string, unknown> => {
    const out: Record<string, unknown> = {}
    for (const [key, value] of Object.entries(object)) {
      const result = expandValue(value)
      if (result.ok) out[key] = result.value
    }
    return out
  }
  return { settings: expandObject(settings), missing: [...missing] }
}
