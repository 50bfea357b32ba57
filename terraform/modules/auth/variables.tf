################################################################################
# User pool
################################################################################

variable "name" {
  description = "Name of the Cognito user pool; the app client is <name>-web."
  type        = string
}

variable "deletion_protection_enabled" {
  description = "Refuse to delete the user pool (and every account in it) while set: a destroy fails until it is turned off (make destroy turns it off first). On by default; throwaway stacks (envs/local) turn it off."
  type        = bool
  default     = true
}

variable "self_sign_up_enabled" {
  description = "Let people sign themselves up (SignUp). False: only administrators create users."
  type        = bool
  default     = true
}

variable "password_minimum_length" {
  description = "Minimum password length, in characters (lower case, upper case and a digit are always required)."
  type        = number
  default     = 12

  validation {
    condition     = var.password_minimum_length >= 8 && var.password_minimum_length <= 99
    error_message = "password_minimum_length must be between 8 and 99."
  }
}

################################################################################
# App client (web app)
################################################################################

variable "access_token_validity_minutes" {
  description = "Lifetime of access tokens, in minutes (5-1440)."
  type        = number
  default     = 60

  validation {
    condition     = var.access_token_validity_minutes >= 5 && var.access_token_validity_minutes <= 1440
    error_message = "access_token_validity_minutes must be between 5 and 1440."
  }
}

variable "id_token_validity_minutes" {
  description = "Lifetime of ID tokens, in minutes (5-1440)."
  type        = number
  default     = 60

  validation {
    condition     = var.id_token_validity_minutes >= 5 && var.id_token_validity_minutes <= 1440
    error_message = "id_token_validity_minutes must be between 5 and 1440."
  }
}

variable "refresh_token_validity_days" {
  description = "Lifetime of refresh tokens, in days (1-3650)."
  type        = number
  default     = 30

  validation {
    condition     = var.refresh_token_validity_days >= 1 && var.refresh_token_validity_days <= 3650
    error_message = "refresh_token_validity_days must be between 1 and 3650."
  }
}

################################################################################
# Groups
################################################################################

variable "moderators_group_name" {
  description = "Name of the group whose members are moderators (the API reads it from the cognito:groups claim)."
  type        = string
  default     = "moderators"
}
