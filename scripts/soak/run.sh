#!/usr/bin/env bash
# `make soak`: see scripts/soak/cli.ts (options: scripts/soak/run.sh --help).
#   1 tools   scripts/ensure-tools.sh (node deps, moto, terraform, aws CLI)
#   2 build   npx turbo run package (the handler bundles the runtime runs); LOCAL_SKIP_BUILD=1 reuses dist/
#   3 soak    node --import tsx scripts/soak/cli.ts "$@": its own moto (SOAK_AWS_PORT, default 4598),
#             terraform/envs/local with state in .local/soak/, N uploads, the invariants; exit 1 if one fails
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

say() { printf '[soak] %s\n' "$*" >&2; }

for arg in "$@"; do
  if [[ "$arg" == "-h" || "$arg" == "--help" ]]; then exec node --import tsx scripts/soak/cli.ts --help; fi
done

scripts/ensure-tools.sh
if [[ "${LOCAL_SKIP_BUILD:-}" == "1" ]]; then
  say "LOCAL_SKIP_BUILD=1: reusing functions/*/dist"
else
  say "build + package functions (npx turbo run package)"
  npx turbo run package --output-logs=errors-only
fi

# One node process (tsx as a loader) so Ctrl-C reaches the code that stops moto and the runtime.
exec node --import tsx scripts/soak/cli.ts "$@"
