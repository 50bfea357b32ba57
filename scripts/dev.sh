#!/usr/bin/env bash
# `make dev`: see scripts/local/dev/dev.ts. One node process (tsx as a loader, not
# a wrapper) so Ctrl-C and SIGTERM reach the code that stops everything.
set -euo pipefail
# The banner's "ready in" counts from here, so a fresh clone's install counts too
# (GNU date; elsewhere dev.ts falls back to its own process start).
export DEV_STARTED_AT_MS="${DEV_STARTED_AT_MS:-$(date +%s%3N)}"
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# A fresh clone has no node_modules yet, and dev.ts itself runs on tsx: install
# first (dev.ts runs the same check again, which is quick once all is there).
if [[ ! -e node_modules/tsx/package.json ]]; then
  scripts/ensure-tools.sh
fi
exec node --import tsx scripts/local/dev/dev.ts "$@"
