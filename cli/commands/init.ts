/** `linecast init`: a starter catalog, npm scripts and a CI check; nothing that exists is replaced. */
import { DEFAULT_CATALOG } from '../catalog.js'
import { defineCommand } from '../command.js'
import { scaffold } from '../init/scaffold.js'

export const initCommand = defineCommand({
  name: 'init',
  summary: 'scaffold a starter catalog, npm scripts, a CI check and a .gitignore entry (never overwrites)',
  description:
    `Creates ${DEFAULT_CATALOG} (service name from package.json), adds the scripts linecast:generate and\n` +
    'linecast:check to package.json, .github/workflows/linecast.yml, and .linecast/ to .gitignore.\n' +
      'Files that exist are skipped; .gitignore is only appended to.',
  options: {
    catalog: { type: 'string', valueName: 'FILE', default: DEFAULT_CATALOG, description: 'where to write the starter catalog' },
    service: { type: 'string', valueName: 'NAME', description: 'service name (default: the package.json name)' },
  },
  async run({ values, out, cwd }) {
    const steps = scaffold({
      cwd,
      catalogFile: values.catalog,
      ...(values.service !== undefined ? { service: values.service } : {}),
    })
    const width = Math.max(...steps.map((s) => s.action.length))
    for (const step of steps) out.line(`${step.action.padEnd(width)}  ${step.path}: ${step.detail}`)
    out.line('')
    out.line('next steps:')
    out.line('  0. npm install --save-dev typescript   compiles generated/events.ts with your code')
    out.line('     npm install @sentry/node posthog-node   the SDKs of the starter catalog\'s destinations')
    out.line(`  1. declare your events in ${values.catalog} (kinds, properties, destinations)`)
    out.line('  2. npm run linecast:generate   writes generated/ (typed helpers, schemas, docs); commit it')
    out.line("  3. import { catalog } from './generated/events.js' and { createLogger } from 'linecast':")
    out.line("     const log = createLogger({ catalog }); log.emit.userSignedUp({ plan: 'free' })")
    out.line('  4. node server.js | npx linecast tail   to watch the events, pretty and filtered')
    return 0
  },
})
