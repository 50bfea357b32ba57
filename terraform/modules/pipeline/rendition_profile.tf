################################################################################
# Rendition profile
################################################################################

# var.rendition_profile as the JSON @pipeline/domain's parseRenditionProfile
# reads (RENDITION_PROFILE), in camelCase and with unset optionals left out
# (the functions default them, so no default is written twice). Null: no
# variable at all, and every function uses the domain's default profile.
# Every function gets it (resize renders it, bucket-metrics groups by its
# names, the API's view lists what the records hold). Lambda allows 4 KB of
# environment per function; 16 sizes stay well under it.
# https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html
locals {
  rendition_profile_environment = var.rendition_profile == null ? {} : {
    RENDITION_PROFILE = jsonencode(merge(
      {
        sizes = [for size in var.rendition_profile.sizes : merge(
          { name = size.name, width = size.width, formats = size.formats, crop = size.crop },
          size.quality == null ? {} : { quality = size.quality },
        )]
      },
      var.rendition_profile.avif == null ? {} : {
        avif = { for key, value in {
          quality          = var.rendition_profile.avif.quality
          effort           = var.rendition_profile.avif.effort
          minSavingPercent = var.rendition_profile.avif.min_saving_percent
        } : key => value if value != null }
      },
    ))
  }
}
