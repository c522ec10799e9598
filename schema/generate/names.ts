/**
 * Identifiers the generators derive from catalog names. Event names are
 * snake_case (`logo_generated`); anything that is not a letter or digit
 * separates words.
 */

function words(name: string): string[] {
  return name.split(/[^A-Za-z0-9]+/).filter((w) => w.length > 0)
}

/** `logo_generated` -> `LogoGenerated`: the event's TypeScript interface. */
export function pascalName(name: string): string {
  const pascal = words(name)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('')
  return /^[0-9]/.test(pascal) ? `Event${pascal}` : pascal
}

/** `logo_generated` -> `logoGeneratedSchema`: the event's zod schema constant. */
export function schemaName(name: string): string {
  const pascal = pascalName(name)
  return `${pascal.charAt(0).toLowerCase()}${pascal.slice(1)}Schema`
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/

/** A property key as TypeScript source: bare when it is an identifier, quoted otherwise. */
export function propertyKey(key: string): string {
  return IDENTIFIER.test(key) ? key : JSON.stringify(key)
}
