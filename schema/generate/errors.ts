import { LinecastError } from '../../core/errors.js'

/** Two catalog names map to the same generated identifier. */
export class GenerateNameCollisionError extends LinecastError {
  constructor(
    readonly identifier: string,
    readonly names: string[],
  ) {
    super(
      'LINECAST_GENERATE_NAME_COLLISION',
      `events ${names.map((n) => `"${n}"`).join(' and ')} both generate the TypeScript name ${identifier}; rename one of them in the catalog`,
    )
  }
}

/** ts-json-schema-generator failed on the generated interfaces. */
export class JsonSchemaGenerationError extends LinecastError {
  constructor(cause: unknown) {
    const detail = cause instanceof Error ? cause.message : String(cause)
    super(
      'LINECAST_GENERATE_JSON_SCHEMA',
      `could not build events.schema.json from the generated interfaces (${detail}); check the catalog's property types and report this if it persists`,
      { cause },
    )
  }
}
