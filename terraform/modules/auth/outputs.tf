################################################################################
# User pool
################################################################################

output "user_pool_id" {
  description = "ID of the user pool."
  value       = aws_cognito_user_pool.this.id
}

output "user_pool_arn" {
  description = "ARN of the user pool."
  value       = aws_cognito_user_pool.this.arn
}

output "issuer_url" {
  description = "Issuer (iss claim) of the pool's tokens: https://cognito-idp.<region>.amazonaws.com/<pool id>."
  value       = "https://${aws_cognito_user_pool.this.endpoint}"
}

################################################################################
# App client (web app)
################################################################################

output "client_id" {
  description = "ID of the web app client (the aud claim of ID tokens, client_id of access tokens)."
  value       = aws_cognito_user_pool_client.this.id
}

################################################################################
# Groups
################################################################################

output "moderators_group_name" {
  description = "Name of the moderators group."
  value       = aws_cognito_user_group.this.name
}
