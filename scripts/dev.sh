#!/usr/bin/env bash
# `make dev`: see scripts/local/dev.ts. One node process (tsx as a loader, not
# a wrapper) so Ctrl-C and SIGTERM reach the code that stops everything.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
exec node --import tsx scripts/local/dev.ts "$@"
