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

subcommand=${1:-}
if [[ $subcommand == init ]]; then
  shift
  exec terraform -chdir="$env_dir" init "${init_args[@]}" "$@"
fi

# Also re-initialise when a .tf file changed since the last init: a module
# added to the configuration is "not installed" until init runs again.
modules_json=$env_dir/.terraform/modules/modules.json
if [[ ! -d $env_dir/.terraform || ! -f $env_dir/.terraform.lock.hcl || ! -f $modules_json ]] ||
  [[ -n $(find "$env_dir" "$env_dir/../../modules" -name '*.tf' -newer "$modules_json" -print -quit 2>/dev/null) ]]; then
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
