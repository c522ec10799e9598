#!/usr/bin/env bash
# Every check on a fresh clone: installs the dependencies, starts the services
# the tests need when they are missing (PostgreSQL, Redis, Chromium: see
# services.sh), builds, type-checks, checks the generated files and runs every
# test. `.ci/run` runs this same script with CI=true.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/services.sh

# the registry here lacks msgpackr-extract's other-platform binaries; the lock
# file records them as optional entries so that `npm ci` accepts it
if ! npm ci --no-audit --no-fund; then
  echo "npm ci refused the lock file; installing from package.json instead" >&2
  npm install --no-audit --no-fund
fi
npm run build
npm run typecheck
node dist/cli/main.js check
status=0
npx vitest run --reporter=default --reporter=json --outputFile.json=test-results/vitest.json || status=$?
# one plain closing line with the counts, for whoever reads only the end of the log
node -e '
  const r = JSON.parse(require("fs").readFileSync("test-results/vitest.json", "utf8"))
  console.log(`${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests + r.numTodoTests} skipped`)
' || true
exit "$status"
