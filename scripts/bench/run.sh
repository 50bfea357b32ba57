#!/usr/bin/env bash
# `make bench` (and, with --smoke, the bench step of `make test`):
#   1 tools     Pillow (python3-pil) and vipsthumbnail (libvips-tools) for the comparison columns:
#               installed with apt-get when root and missing (not in smoke mode); else that column is skipped
#   2 build     npx turbo run package (the zips and handler bundles the cold-start section measures)
#   3 bench     npx tsx scripts/bench/bench.ts "$@"
# The project's own tools (node deps, moto, terraform) come from scripts/ensure-tools.sh.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

say() { printf '[bench] %s\n' "$*" >&2; }

smoke=0
for arg in "$@"; do [[ "$arg" == "--smoke" ]] && smoke=1; done
[[ "${BENCH_SMOKE:-}" == "1" ]] && smoke=1

if [[ $smoke -eq 0 ]]; then
  scripts/ensure-tools.sh
  missing=()
  command -v vipsthumbnail >/dev/null || missing+=(libvips-tools)
  /usr/bin/python3 -c 'import PIL' 2>/dev/null || python3 -c 'import PIL' 2>/dev/null || missing+=(python3-pil)
  if [[ ${#missing[@]} -gt 0 ]]; then
    if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
      say "installing ${missing[*]} with apt-get (for the comparison columns)"
      { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"; } >&2 ||
        say "apt-get could not install ${missing[*]}; the report skips those columns"
    else
      say "${missing[*]} missing and not root: the report skips those columns (install them to compare)"
    fi
  fi
fi

say "build + package functions (npx turbo run package)"
npx turbo run package --output-logs=errors-only

exec npx tsx scripts/bench/bench.ts "$@"
