################################################################################
# Provider (moto server)
################################################################################

provider "aws" {
  region     = var.region
  access_key = "test"
  secret_key = "test"

  skip_credentials_validation = true
  skip_metadata_api_check     = true
  skip_requesting_account_id  = true
  s3_use_path_style           = true

  endpoints {
    apigatewayv2 = var.endpoint
    cloudfront   = var.endpoint
    cloudwatch   = var.endpoint
    cognitoidp   = var.endpoint
    dynamodb     = var.endpoint
    events       = var.endpoint
    iam          = var.endpoint
    kms          = var.endpoint
    lambda       = var.endpoint
    logs         = var.endpoint
    s3           = var.endpoint
    ses          = var.endpoint
    sns          = var.endpoint
    sqs          = var.endpoint
    sts          = var.endpoint
  }
}

################################################################################
# Pipeline
################################################################################

# Same modules as envs/aws, with two moto concessions: event source mappings
# are created disabled (moto would run Lambda in Docker; the local runtime
# polls the queues instead), and DLQs get no RedriveAllowPolicy (moto does not
# store it, so the provider would wait for it until the apply times out).
# The renditions bucket stays private as in AWS: the local web server serves
# /renditions/<key> from it where CloudFront would (the CDN module below is
# still created, so purges make real CreateInvalidation calls). The HTTP API is
# created in moto too, but nothing calls it: the local gateway (scripts/local)
# serves the routes from the manifests and verifies tokens against moto's
# user pool.
module "pipeline" {
  source = "../../modules/pipeline"

  name_prefix   = var.name_prefix
  functions_dir = "${path.module}/../../../functions"

  force_destroy                = true
  event_source_mapping_enabled = false
  schedules_enabled            = false
  # moto keeps no account concurrency; the ceiling matters only in AWS.
  reserved_concurrency_enabled = false
  operations_email             = var.operations_email
  redrive_allow_policy_enabled = false
  # moto 5.2.1 applies a bucket policy's Deny to object requests without
  # evaluating its condition (s3/responses.py, bucket.get_permission), so the
  # TLS-only deny would refuse every local request; envs/aws keeps it, and the
  # security suite proves it with the IAM evaluator (tests/security/iam-tls.test.ts).
  secure_transport_only = false
  # A throwaway stack: no backups, nothing refuses deletion.
  point_in_time_recovery_enabled        = false
  deletion_protection_enabled           = false
  user_pool_deletion_protection_enabled = false
  # moto never runs lifecycle rules, and the provider waits 30-55 s per bucket
  # for them to read back (waitLifecycleConfigEquals: 3 equal reads 10 s apart):
  # the longest wait of the local apply. envs/aws keeps them.
  lifecycle_rules_enabled = false
  # moto does not validate notification destinations: no need to wait.
  destination_validation_wait_seconds = 0
  log_level                           = var.log_level

  s3_endpoint_url = var.endpoint
  # The local web server stands in for CloudFront: it serves /renditions/<key>
  # from the private bucket (scripts/local/web/renditions-source.ts).
  renditions_base_url  = "${var.web_app_url}/renditions"
  web_app_url          = var.web_app_url
  cors_allowed_origins = [var.web_app_url]

  # The same CDN as in AWS, so deletes and rejections make real CreateInvalidation
  # calls (moto records them; nothing is served from it). It writes the bucket's policy.
  renditions_distribution_id        = module.cdn.distribution_id
  renditions_bucket_policy_external = true

  upload_quotas     = var.upload_quotas
  rendition_profile = var.rendition_profile
  heic_enabled      = var.heic_enabled
}

################################################################################
# Renditions CDN
################################################################################

# What envs/aws creates, against moto: the functions purge deleted and
# rejected images from it, and tests read its invalidations back
# (ListInvalidations). The local web server still serves the renditions.
module "cdn" {
  source = "../../modules/cdn"

  name    = "${var.name_prefix}renditions-${var.region}"
  comment = "Image pipeline renditions (local)"

  # The functions need only the id; waiting for "Deployed" held every Lambda
  # back ~30 s in the local apply.
  wait_for_deployment = false

  # moto denies every object request a Deny statement names (it ignores the
  # aws:SecureTransport condition): no TLS-only deny against moto.
  secure_transport_only = false

  bucket = {
    id                   = module.pipeline.renditions_bucket
    arn                  = module.pipeline.renditions_bucket_arn
    regional_domain_name = module.pipeline.renditions_bucket_regional_domain_name
  }
}
