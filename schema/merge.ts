/** The built-in catalog part goes under the user's: a user event or alert of the same name replaces it. */
import type { CatalogModel } from './model.js'

export function mergeBuiltin(builtin: CatalogModel, user: CatalogModel): CatalogModel {
  const events = { ...user.events }
  for (const [name, event] of Object.entries(builtin.events)) if (!(name in events)) events[name] = event
  const alerts = { ...user.alerts }
  for (const [name, alert] of Object.entries(builtin.alerts)) if (!(name in alerts)) alerts[name] = alert
  return { ...user, events, alerts }
}
