#!/usr/bin/env bash
# Detects (or installs) what the project needs and records the choice in
# .local/tools.env, which scripts/local/tools.ts reads:
#   node deps   npm ci (or npm install, see below) when node_modules is missing or older than package-lock.json
#   moto        moto_server on PATH if python3 imports moto 5.2.x, else .venv (moto[server]==5.2.1)
#   terraform   must be on PATH
#   aws CLI     on PATH, else awscli in the same .venv
#   chromium    only with --browser (make test: only tests/e2e/web.e2e.test.ts needs it): CHROMIUM,
#               else /usr/bin/chromium, else apt-get install chromium when root with apt-get;
#               otherwise a note. Without --browser a Chromium already there is recorded, none installed.
# Idempotent; prints one summary line when everything is already there.
# Usage: scripts/ensure-tools.sh [--browser]
set -euo pipefail

browser=false
case "${1:-}" in
  --browser) browser=true ;;
  "") ;;
  *) printf '[ensure-tools] usage: %s [--browser]\n' "$0" >&2; exit 2 ;;
esac

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

MOTO_VERSION="5.2.1"
VENV="$ROOT/.venv"
TOOLS_ENV="$ROOT/.local/tools.env"
summary=()

say() { printf '[ensure-tools] %s\n' "$*" >&2; }
die() { say "error: $*"; exit 1; }

ensure_venv() {
  if [[ ! -x "$VENV/bin/pip" ]]; then
    command -v python3 >/dev/null || die "python3 is not on PATH; it is needed for moto server and the aws CLI"
    say "creating $VENV"
    python3 -m venv "$VENV"
  fi
}

# --- node dependencies ---------------------------------------------------
marker="node_modules/.package-lock.json"   # npm rewrites it on every install
# npm ci installs exactly the lock file. Some npm 11 setups write lock files without other
# platforms' optional packages (biome, turbo, esbuild binaries) and then refuse `npm ci`;
# `npm install` still honours every version the lock pins, so fall back to it.
install_node_deps() {
  npm ci --no-audit --no-fund >&2 && return 0
  say "npm ci refused the lock file; falling back to npm install (same pinned versions)"
  npm install --no-audit --no-fund >&2
}
if [[ ! -d node_modules ]]; then
  say "node_modules is missing: installing"
  install_node_deps || die "npm install failed"
  summary+=("node deps: installed")
elif [[ ! -e "$marker" || package-lock.json -nt "$marker" ]]; then
  say "package-lock.json is newer than node_modules: reinstalling"
  install_node_deps || die "npm install failed"
  summary+=("node deps: reinstalled")
else
  summary+=("node deps: ok")
fi

# --- moto server -----------------------------------------------------------
moto_bin=""
if [[ -n "${MOTO_SERVER:-}" ]]; then
  [[ -x "$MOTO_SERVER" ]] || command -v "$MOTO_SERVER" >/dev/null || die "MOTO_SERVER=$MOTO_SERVER is not executable"
  moto_bin="$MOTO_SERVER"
  summary+=("moto: $moto_bin (MOTO_SERVER)")
else
  system_moto="$(python3 -c 'import moto; print(moto.__version__)' 2>/dev/null || true)"
  if [[ "$system_moto" == 5.2.* ]] && command -v moto_server >/dev/null; then
    moto_bin="$(command -v moto_server)"
    summary+=("moto $system_moto: $moto_bin")
  else
    venv_moto="$("$VENV/bin/python" -c 'import moto; print(moto.__version__)' 2>/dev/null || true)"
    if [[ "$venv_moto" != "$MOTO_VERSION" || ! -x "$VENV/bin/moto_server" ]]; then
      ensure_venv
      say "installing moto[server]==$MOTO_VERSION into .venv (python3 has moto '${system_moto:-none}')"
      "$VENV/bin/pip" install --quiet "moto[server]==$MOTO_VERSION" >&2 ||
        die "could not install moto[server]==$MOTO_VERSION into .venv (offline?); install it, or set MOTO_SERVER to a moto_server binary"
    fi
    moto_bin="$VENV/bin/moto_server"
    summary+=("moto $MOTO_VERSION: .venv/bin/moto_server")
  fi
fi

# --- terraform -------------------------------------------------------------
command -v terraform >/dev/null ||
  die "terraform is not on PATH; install Terraform >= 1.6 (https://developer.hashicorp.com/terraform/install)"
# awk reads the whole output: `| head` would end terraform with SIGPIPE, which pipefail turns into a failure.
tf_version="$(terraform version 2>/dev/null | awk 'NR == 1 { print $2 }')"
summary+=("terraform ${tf_version}")

# --- aws CLI -----------------------------------------------------------------
if command -v aws >/dev/null; then
  aws_bin="$(command -v aws)"
elif [[ -x "$VENV/bin/aws" ]]; then
  aws_bin="$VENV/bin/aws"
else
  ensure_venv
  say "aws CLI not on PATH: installing awscli into .venv"
  "$VENV/bin/pip" install --quiet awscli >&2 ||
    die "could not install awscli into .venv (offline?); install the aws CLI and put it on PATH"
  aws_bin="$VENV/bin/aws"
fi
summary+=("aws: $aws_bin")

# --- chromium (browser test, --browser only) ----------------------------------
chromium_bin="${CHROMIUM:-/usr/bin/chromium}"
if [[ $browser == true && ! -x "$chromium_bin" && -z "${CHROMIUM:-}" && "$(id -u)" == 0 ]] &&
  command -v apt-get >/dev/null; then
  say "chromium is missing: installing it with apt-get (for the browser test)"
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; } >&2 ||
    say "warning: apt-get could not install chromium; the browser test will fail until it is installed"
fi
if [[ -x "$chromium_bin" ]]; then
  summary+=("chromium: $chromium_bin")
elif [[ $browser == true ]]; then
  say "note: no Chromium at $chromium_bin; the browser test (tests/e2e/web.e2e.test.ts) needs one:" \
    "install the distribution's chromium package, or set CHROMIUM to a Chromium binary"
  summary+=("chromium: missing")
  chromium_bin=""
else
  # make dev, bench and soak need no browser: nothing to install or to report.
  chromium_bin=""
fi

# --- record the choice ---------------------------------------------------------
mkdir -p "$(dirname "$TOOLS_ENV")"
new_env="MOTO_SERVER=$moto_bin
AWS_CLI=$aws_bin
CHROMIUM=$chromium_bin
"
if [[ ! -f "$TOOLS_ENV" || "$(cat "$TOOLS_ENV")"$'\n' != "$new_env" ]]; then
  printf '%s' "$new_env" >"$TOOLS_ENV"
fi

line="${summary[0]}"
for item in "${summary[@]:1}"; do line+="; $item"; done
say "$line"
