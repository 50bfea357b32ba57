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
    name = "status"
    type = "S"
  }

  # An owner's images, newest first (ScanIndexForward = false).
  global_secondary_index {
    name            = "byOwner"
    hash_key        = "owner"
    range_key       = "createdAt"
    projection_type = "ALL"
  }

  # Everyone's images in one status, newest first: the moderation view.
  global_secondary_index {
    name            = "byStatus"
    hash_key        = "status"
    range_key       = "createdAt"
    projection_type = "ALL"
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
