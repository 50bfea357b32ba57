#!/usr/bin/env bash
# `make dev`: see scripts/local/dev.ts. One node process (tsx as a loader, not
# a wrapper) so Ctrl-C and SIGTERM reach the code that stops everything.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# A fresh clone has no node_modules yet, and dev.ts itself runs on tsx: install
# first (dev.ts runs the same check again, which is quick once all is there).
if [[ ! -e node_modules/tsx/package.json ]]; then
  scripts/ensure-tools.sh
fi
exec node --import tsx scripts/local/dev.ts "$@"
