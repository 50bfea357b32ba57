#!/usr/bin/env bash
# Terraform hygiene: formatting of everything under terraform/, and validate
# of both environments (scripts/terraform.sh initialises them offline).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# A TF_CLI_CONFIG_FILE pointing at a missing file only makes terraform warn.
if [[ -n ${TF_CLI_CONFIG_FILE:-} && ! -f $TF_CLI_CONFIG_FILE ]]; then
  unset TF_CLI_CONFIG_FILE
fi

echo "▸ terraform fmt -check -recursive terraform"
if ! terraform fmt -check -recursive -diff terraform; then
  echo "✖ terraform files are not formatted: run \`terraform fmt -recursive terraform\`" >&2
  exit 1
fi

for env in aws local; do
  echo "▸ terraform validate terraform/envs/$env"
  scripts/terraform.sh "terraform/envs/$env" validate -no-color
done
