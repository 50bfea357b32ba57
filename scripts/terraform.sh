#!/usr/bin/env bash
# Run terraform in one of the env root modules, initialising it first.
#
#   scripts/terraform.sh <env-dir> <terraform args...>
#   scripts/terraform.sh terraform/envs/local apply -auto-approve -var endpoint=http://localhost:4567
#
# Environment:
#   TF_PLUGIN_MIRROR  provider mirror for offline init (passed as -plugin-dir).
#                     Unset: /opt/tf-plugins when it exists, else the registry.
#                     Set but empty: always use the registry.
#   TF_STATE          state file for plan/apply/destroy/output/refresh/import
#                     (passed as -state=...), e.g. a test suite's own state.
#   TF_BACKEND_CONFIG terraform/envs/aws only: a backend config file (see
#                     terraform/envs/aws/backend.s3.tfbackend.example). The
#                     state then lives in S3 with native locking: this writes
#                     the gitignored terraform/envs/aws/backend_override.tf
#                     (terraform { backend "s3" {} }) and passes
#                     -backend-config=<file> to init. Unset: local state.
set -euo pipefail

die() { echo "terraform.sh: $*" >&2; exit 2; }

[[ $# -ge 1 ]] || die "usage: $0 <env-dir> <terraform args...>"
env_dir=$1
shift
[[ -d $env_dir ]] || die "no such directory: $env_dir"

# A TF_CLI_CONFIG_FILE pointing at a missing file only makes terraform warn.
if [[ -n ${TF_CLI_CONFIG_FILE:-} && ! -f $TF_CLI_CONFIG_FILE ]]; then
  unset TF_CLI_CONFIG_FILE
fi

if [[ -z ${TF_PLUGIN_MIRROR+set} && -d /opt/tf-plugins ]]; then
  TF_PLUGIN_MIRROR=/opt/tf-plugins
fi
init_args=(-input=false)
if [[ -n ${TF_PLUGIN_MIRROR:-} ]]; then
  init_args+=("-plugin-dir=$TF_PLUGIN_MIRROR")
fi

tf() { terraform -chdir="$env_dir" "$@"; }

# The S3 backend is opt-in, so local state stays the default and nothing in
# the committed configuration names a bucket. A backend block in an override
# file is merged into the terraform block even when the original has none,
# and init then takes the rest from -backend-config (partial configuration):
# https://developer.hashicorp.com/terraform/language/files/override
# https://developer.hashicorp.com/terraform/language/backend#partial-configuration
repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
backend_override=
if [[ $(realpath -m -- "$env_dir") == "$repo_root/terraform/envs/aws" ]]; then
  backend_override=$env_dir/backend_override.tf
fi
backend_marker='# Written by scripts/terraform.sh for TF_BACKEND_CONFIG.'
if [[ -n $backend_override && -n ${TF_BACKEND_CONFIG:-} ]]; then
  [[ -f $TF_BACKEND_CONFIG ]] || die "TF_BACKEND_CONFIG: no such file: $TF_BACKEND_CONFIG"
  [[ -z ${TF_STATE:-} ]] || die "TF_STATE and TF_BACKEND_CONFIG exclude each other (-state is for local state only)"
  wanted=$(printf '%s\n%s\n' "$backend_marker" 'terraform {
  backend "s3" {}
}')
  if [[ ! -f $backend_override || $(cat "$backend_override") != "$wanted" ]]; then
    printf '%s\n' "$wanted" >"$backend_override"
  fi
  init_args+=("-backend-config=$(realpath -- "$TF_BACKEND_CONFIG")")
elif [[ -n $backend_override && -f $backend_override ]] && grep -qxF "$backend_marker" "$backend_override"; then
  die "$backend_override (S3 state) exists but TF_BACKEND_CONFIG is not set: set it again, or delete the file and run init -migrate-state to bring the state back to local"
fi

subcommand=${1:-}
if [[ $subcommand == init ]]; then
  shift
  exec terraform -chdir="$env_dir" init "${init_args[@]}" "$@"
fi

# Also re-initialise when a .tf file changed since the last init: a module
# added to the configuration is "not installed" until init runs again.
modules_json=$env_dir/.terraform/modules/modules.json
if [[ ! -d $env_dir/.terraform || ! -f $env_dir/.terraform.lock.hcl || ! -f $modules_json ]] ||
  [[ -n $(find "$env_dir" "$env_dir/../../modules" -name '*.tf' -newer "$modules_json" -print -quit 2>/dev/null) ]] ||
  [[ -n $backend_override && -n ${TF_BACKEND_CONFIG:-} && $TF_BACKEND_CONFIG -nt $modules_json ]]; then
  tf init "${init_args[@]}" >&2
fi

[[ $# -ge 1 ]] || exit 0
shift

extra=()
if [[ -n ${TF_STATE:-} ]]; then
  case $subcommand in
    plan | apply | destroy | output | refresh | import)
      # -chdir would resolve a relative path against the env dir.
      extra+=("-state=$(realpath -m -- "$TF_STATE")")
      ;;
  esac
fi

exec terraform -chdir="$env_dir" "$subcommand" "${extra[@]}" "$@"
