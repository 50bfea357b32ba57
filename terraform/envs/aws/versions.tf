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

  # State is local (terraform.tfstate here, gitignored) until a backend is
  # configured. For a shared deployment keep it in S3 with native locking:
  #
  # backend "s3" {
  #   bucket       = "my-terraform-state"
  #   key          = "image-pipeline/aws.tfstate"
  #   region       = "us-east-1"
  #   encrypt      = true
  #   use_lockfile = true # Terraform >= 1.10; older: dynamodb_table = "terraform-locks"
  # }
  #
  # then run: scripts/terraform.sh terraform/envs/aws init -migrate-state
}
