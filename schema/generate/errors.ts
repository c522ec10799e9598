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
