/** The built-in catalog part goes under the user's: a user event or alert of the same name replaces it. */
import { dictOf } from './dict.js'
import type { CatalogModel } from './model.js'

export function mergeBuiltin(builtin: CatalogModel, user: CatalogModel): CatalogModel {
  const events = dictOf(Object.entries(user.events))
  for (const [name, event] of Object.entries(builtin.events)) if (!Object.hasOwn(events, name)) events[name] = event
  const alerts = dictOf(Object.entries(user.alerts))
  for (const [name, alert] of Object.entries(builtin.alerts)) if (!Object.hasOwn(alerts, name)) alerts[name] = alert
  return { ...user, events, alerts }
}
