/** What `linecast init` writes: a starter catalog and a CI workflow. */

/** `@acme/brand-api` -> `brand-api`; anything else becomes lower-case words joined by `-`. */
export function serviceName(packageName: string | undefined, fallback: string): string {
  const base = (packageName ?? '').replace(/^@[^/]+\//, '') || fallback
  const cleaned = base
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '')
  return cleaned === '' ? 'my-service' : cleaned
}

export function starterCatalog(service: string): string {
  return `# linecast event catalog: every event this service emits, reviewed in one place.
# After an edit run \`npm run linecast:generate\` and commit generated/;
# \`npm run linecast:check\` fails CI when generated/ is stale.
catalog: 1
service: ${service}

# Correlation fields stamped on every line from the request or job context.
context: [requestId, userId]

# Where lines go. \${VAR} is read from the environment at run time;
# a destination whose variables are unset stays off.
destinations:
  sentry: { kind: sentry, dsn: "\${SENTRY_DSN}" }
  posthog: { kind: posthog, apiKey: "\${POSTHOG_API_KEY}", host: "\${POSTHOG_HOST:-https://us.i.posthog.com}" }

# Lines at this level and above go to these destinations.
routes:
  error: [sentry]

events:
  # An analytics event, sent to PostHog:
  #   log.emit.userSignedUp({ plan: 'free' })
  user_signed_up:
    kind: analytics
    description: A visitor created an account.
    owner: growth
    distinctId: userId
    message: "User signed up on the {plan} plan"
    properties:
      plan: { type: enum, values: [free, pro] }
      referrer: { type: string, optional: true }
    to: [posthog]

  # An error event (level error, so routed to Sentry):
  #   log.emit.checkoutFailed({ reason: 'card_declined', amount: 49 })
  checkout_failed:
    kind: error
    description: A checkout could not be completed.
    owner: payments
    severity: p1
    message: "Checkout failed: {reason}"
    properties:
      reason: { type: string }
      amount: { type: number, min: 0, optional: true }
`
}

export const WORKFLOW_PATH = '.github/workflows/linecast.yml'

export function ciWorkflow(): string {
  return `# Fails the build when the event catalog is invalid or generated/ is stale,
# and on a pull request when it breaks an event without a version bump.
name: linecast

on:
  push:
    branches: [main]
  pull_request:

jobs:
  check:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          # the whole history: \`linecast check --base\` reads the catalog at the base branch
          fetch-depth: 0
      - uses: actions/setup-node@v4
        with:
          node-version: 20
          cache: npm
      - run: npm ci
      - run: npx linecast check
        if: github.event_name != 'pull_request'
      - run: npx linecast check --base origin/\${{ github.base_ref }} --format github
        if: github.event_name == 'pull_request'
`
}

export const SCRIPTS: Readonly<Record<string, string>> = {
  'linecast:generate': 'linecast generate',
  'linecast:check': 'linecast check',
}
