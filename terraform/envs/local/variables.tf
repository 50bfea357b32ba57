################################################################################
# Environment
################################################################################

variable "endpoint" {
  description = "URL of the moto server every AWS service is pointed at (LOCAL_AWS_PORT, default 4566)."
  type        = string
  default     = "http://localhost:4566"
}

variable "region" {
  description = "Region reported to the functions; moto accepts any."
  type        = string
  default     = "us-east-1"
}

variable "name_prefix" {
  description = "Prefix for every resource name."
  type        = string
  default     = "local-"
}

variable "log_level" {
  description = "POWERTOOLS_LOG_LEVEL for every function (DEBUG, INFO, WARN, ERROR)."
  type        = string
  default     = "INFO"
}

################################################################################
# Local services
################################################################################

variable "api_url" {
  description = "URL of the local API gateway (scripts/local, LOCAL_API_PORT, default 4580); the api_url output."
  type        = string
  default     = "http://localhost:4580"
}

variable "web_app_url" {
  description = "Origin of the local web app (default port 4581): WEB_APP_URL and the CORS origin of the uploads bucket and the API."
  type        = string
  default     = "http://localhost:4581"
}

variable "operations_email" {
  description = "Where mail about uploads without an owner goes (moto keeps it; make mail shows it)."
  type        = string
  default     = "ops@example.com"
}

variable "heic_enabled" {
  description = "Accept HEIC (iPhone photos), decoded by libheif's WebAssembly build. HEVC decoding may be covered by patent pools: false rejects HEIC as Image::UnsupportedFormat (see the pipeline module)."
  type        = bool
  default     = true
}

variable "upload_quotas" {
  description = "Per-user upload limits the API enforces: max_images (default 1000), max_bytes (default 5 GiB), uploads_per_minute (default 30). Tests override them per gateway through its env instead."
  type = object({
    max_images         = optional(number, 1000)
    max_bytes          = optional(number, 5368709120)
    uploads_per_minute = optional(number, 30)
  })
  default = {}
}

variable "rendition_profile" {
  description = "Which renditions every processed image gets (see the pipeline module's rendition_profile): sizes { name, width, formats, quality, crop } and avif { quality, effort, min_saving_percent }. null: the default of packages/domain/src/rendition-profile.ts. After a change, `make rerender` (docs/operations.md)."
  type = object({
    sizes = list(object({
      name    = string
      width   = number
      formats = list(string)
      quality = optional(number)
      crop    = optional(string, "none")
    }))
    avif = optional(object({
      quality            = optional(number)
      effort             = optional(number)
      min_saving_percent = optional(number)
    }))
  })
  default = null
}
