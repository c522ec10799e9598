/** Settings of a `kind: module` destination: the module path plus the user's own settings. */
import { z } from 'zod'
import { LinecastError } from '../../../core/errors.js'

export const moduleSettingsSchema = z
  .object({
    module: z.string().min(1, 'write the path of a module that exports createSink, e.g. module: ./sinks/my-sink.js'),
  })
  .catchall(z.unknown())

export type ModuleSettings = z.infer<typeof moduleSettingsSchema>

export class ModuleSinkSettingsError extends LinecastError {
  constructor(destination: string, detail: string) {
    super('LINECAST_MODULE_SETTINGS', `destination "${destination}" (kind: module): ${detail}`)
  }
}

export class ModuleSinkLoadError extends LinecastError {
  constructor(destination: string, path: string, detail: string, cause?: unknown) {
    super('LINECAST_MODULE_LOAD', `destination "${destination}" (kind: module): ${path} ${detail}`, { cause })
  }
}

export function parseModuleSettings(destination: string, settings: Record<string, unknown>): ModuleSettings {
  const result = moduleSettingsSchema.safeParse(settings)
  if (!result.success) {
    const detail = result.error.issues.map((i) => `${i.path.join('.') || 'settings'}: ${i.message}`).join('; ')
    throw new ModuleSinkSettingsError(destination, detail)
  }
  return result.data
}
