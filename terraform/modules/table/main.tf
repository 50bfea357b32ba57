################################################################################
# Table
################################################################################

resource "aws_dynamodb_table" "this" {
  name                        = var.name
  billing_mode                = "PAY_PER_REQUEST"
  hash_key                    = "imageId"
  deletion_protection_enabled = var.deletion_protection_enabled

  attribute {
    name = "imageId"
    type = "S"
  }

  attribute {
    name = "owner"
    type = "S"
  }

  attribute {
    name = "createdAt"
    type = "S"
  }

  attribute {
    name = "statusShard"
    type = "S"
  }

  # An owner's images, newest first (ScanIndexForward = false).
  global_secondary_index {
    name            = "byOwner"
    hash_key        = "owner"
    range_key       = "createdAt"
    projection_type = "ALL"
  }

  # Everyone's images in one status, newest first: the moderation view. The
  # hash key is "<status>#<n>" (n = hash(imageId) mod STATUS_SHARD_COUNT in
  # packages/domain), not the bare status: a handful of status values would
  # put nearly every write in one or two index partitions. Readers query every
  # shard and merge (packages/store list-by-status.ts).
  global_secondary_index {
    name            = "byStatusShard"
    hash_key        = "statusShard"
    range_key       = "createdAt"
    projection_type = "ALL"
  }

  # Upload-rate window items (imageId "limit#uploads#<owner>#<minute>") carry
  # expiresAt in epoch seconds; images never set it, so DynamoDB only ever
  # deletes old windows. Deletion lags (up to days) but no reader relies on it.
  ttl {
    attribute_name = "expiresAt"
    enabled        = true
  }

  point_in_time_recovery {
    enabled = var.point_in_time_recovery_enabled
  }

  server_side_encryption {
    enabled = true
  }
}

################################################################################
# Idempotency
################################################################################

# Powertools Idempotency records: which event a function has already acted on
# (the mailer, so a redelivered event sends no second email). Items expire.
resource "aws_dynamodb_table" "idempotency" {
  name                        = "${var.name}-idempotency"
  billing_mode                = "PAY_PER_REQUEST"
  hash_key                    = "id"
  deletion_protection_enabled = var.deletion_protection_enabled

  attribute {
    name = "id"
    type = "S"
  }

  ttl {
    attribute_name = "expiration"
    enabled        = true
  }

  server_side_encryption {
    enabled = true
  }
}

################################################################################
# Bucket counters
################################################################################

# What bucket-metrics reports without listing the buckets: per image a ledger
# (`image#<imageId>` / `ledger`) of what it adds to the counters, and in the
# partition `counters` the counter shards, the daily reconcile's snapshot and
# its offset (packages/store bucket-counters-items.ts). Everything in it can be
# rebuilt: the ledgers from the images table, the rest by a reconcile; so no
# point-in-time recovery. Small items, a few writes per image event: on demand.
resource "aws_dynamodb_table" "counters" {
  name                        = "${var.name}-bucket-counters"
  billing_mode                = "PAY_PER_REQUEST"
  hash_key                    = "pk"
  range_key                   = "sk"
  deletion_protection_enabled = var.deletion_protection_enabled

  attribute {
    name = "pk"
    type = "S"
  }

  attribute {
    name = "sk"
    type = "S"
  }

  server_side_encryption {
    enabled = true
  }
}

################################################################################
# Near-duplicates
################################################################################

# The near-duplicate index (packages/store near-duplicate-index.ts): one item
# per band of an image's perceptual hashes, partition key `band`
# (`<owner>#<band>:<bits>`), sort key `imageId`, with the hashes, `owner` and
# `updatedAt`. Resize puts an image's items, delete removes them, the API
# queries the bands of the image it shows. One small item per (band, image),
# so neither an item nor a write grows with the owner's library. Everything in
# it can be rebuilt from the images' records (perceptualHashes): no
# point-in-time recovery, like the bucket counters. On demand.
resource "aws_dynamodb_table" "near_duplicates" {
  name                        = "${var.name}-near-duplicates"
  billing_mode                = "PAY_PER_REQUEST"
  hash_key                    = "band"
  range_key                   = "imageId"
  deletion_protection_enabled = var.deletion_protection_enabled

  attribute {
    name = "band"
    type = "S"
  }

  attribute {
    name = "imageId"
    type = "S"
  }

  server_side_encryption {
    enabled = true
  }
}
