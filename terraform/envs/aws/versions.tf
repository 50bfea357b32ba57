################################################################################
# Versions and state
################################################################################

terraform {
  required_version = ">= 1.6"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.100, < 6.0"
    }
  }

  # State is local (terraform.tfstate here, gitignored) by default. For a
  # shared deployment, set TF_BACKEND_CONFIG to a copy of
  # backend.s3.tfbackend.example: scripts/terraform.sh then adds
  # `backend "s3" {}` through the gitignored backend_override.tf and passes the
  # file to init as -backend-config (S3 state with native locking,
  # use_lockfile). See terraform/README.md, "State in S3".
}
