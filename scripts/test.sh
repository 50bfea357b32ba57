#!/usr/bin/env bash
# `make test` and CI: every check, in the order that fails fastest.
#   1 tools                 scripts/ensure-tools.sh --browser (Chromium too: the browser test needs it)
#   2 typecheck lint test   every workspace, through turbo: packages/*, functions/*, web, scripts/* (the doctor's
#                           tests against a moto of their own, never cached) and tests (typecheck + lint only)
#   3 structure             scripts/code-checks: no file over 300 lines, no function over 80, no import cycle (whole tree)
#   4 package               build and zip every function
#   5 bench smoke           scripts/bench/run.sh --smoke: the benchmark runs and writes every report section (not its timings)
#   6 integration + e2e     vitest.integration.config.ts (moto on TEST_AWS_PORT, default 4567)
#   7 security              tests/security: assertions on the envs/aws plan (applied to a moto of its own, TEST_SECURITY_AWS_PORT)
#   8 terraform             scripts/terraform-check.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

total=8
n=0
started=$SECONDS
current=""
trap 'status=$?; if [[ $status -ne 0 && -n $current ]]; then echo "✖ failed at step $n/$total: $current" >&2; fi' EXIT

step() {
  n=$((n + 1))
  current=$1
  echo
  echo "==> [$n/$total] $1"
}

step "tools (scripts/ensure-tools.sh --browser)"
scripts/ensure-tools.sh --browser

step "typecheck, lint, unit tests (npx turbo run typecheck lint test)"
npx turbo run typecheck lint test

# Not a turbo task: it reads the whole tree, so no workspace's cache key covers it.
step "structure (npm run check -w @pipeline/code-checks)"
npm run --silent check -w @pipeline/code-checks

step "package functions (npx turbo run package)"
npx turbo run package

step "bench smoke (scripts/bench/run.sh --smoke, report under bench/tmp/smoke/)"
scripts/bench/run.sh --smoke

step "integration + e2e (npx vitest run --config vitest.integration.config.ts)"
if [[ -f vitest.integration.config.ts ]]; then
  npx vitest run --config vitest.integration.config.ts
else
  echo "skipped: vitest.integration.config.ts does not exist yet"
fi

step "security: envs/aws plan on moto (npx vitest run --config tests/security/vitest.config.ts)"
npx vitest run --config tests/security/vitest.config.ts

step "terraform fmt + validate (scripts/terraform-check.sh)"
scripts/terraform-check.sh

current=""
echo
echo "✔ all checks passed in $((SECONDS - started))s"
