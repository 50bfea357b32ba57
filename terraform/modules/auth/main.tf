################################################################################
# User pool
################################################################################

# People sign in with their email address; Cognito sends the verification
# code itself (COGNITO_DEFAULT email: fine for a sandbox, SES for volume).
resource "aws_cognito_user_pool" "this" {
  name                     = var.name
  username_attributes      = ["email"]
  auto_verified_attributes = ["email"]
  deletion_protection      = var.deletion_protection_enabled ? "ACTIVE" : "INACTIVE"
  mfa_configuration        = "OFF"

  username_configuration {
    case_sensitive = false
  }

  password_policy {
    minimum_length                   = var.password_minimum_length
    require_lowercase                = true
    require_uppercase                = true
    require_numbers                  = true
    require_symbols                  = false
    temporary_password_validity_days = 7
  }

  account_recovery_setting {
    recovery_mechanism {
      name     = "verified_email"
      priority = 1
    }
  }

  admin_create_user_config {
    allow_admin_create_user_only = !var.self_sign_up_enabled
  }

  email_configuration {
    email_sending_account = "COGNITO_DEFAULT"
  }
}

################################################################################
# App client (web app)
################################################################################

# A public client (no secret: it runs in the browser). USER_PASSWORD_AUTH
# lets scripts and tests sign in with InitiateAuth; SRP is what the web app uses.
resource "aws_cognito_user_pool_client" "this" {
  name         = "${var.name}-web"
  user_pool_id = aws_cognito_user_pool.this.id

  generate_secret = false
  explicit_auth_flows = [
    "ALLOW_USER_PASSWORD_AUTH",
    "ALLOW_USER_SRP_AUTH",
    "ALLOW_REFRESH_TOKEN_AUTH",
  ]
  prevent_user_existence_errors = "ENABLED"
  enable_token_revocation       = true

  access_token_validity  = var.access_token_validity_minutes
  id_token_validity      = var.id_token_validity_minutes
  refresh_token_validity = var.refresh_token_validity_days

  token_validity_units {
    access_token  = "minutes"
    id_token      = "minutes"
    refresh_token = "days"
  }
}

################################################################################
# Groups
################################################################################

resource "aws_cognito_user_group" "this" {
  name         = var.moderators_group_name
  user_pool_id = aws_cognito_user_pool.this.id
  description  = "May list every image by status and review images."
}
