/**
 * Whether HEVC-coded HEIF (an iPhone's HEIC) is accepted. On unless the
 * operator turned it off (Terraform `heic_enabled = false`, which sets
 * `HEIC_ENABLED=false` in the functions' environment): HEVC decoding may be
 * covered by patent pools, and an operator who does not want to carry that
 * gets today's answer, `Image::UnsupportedFormat`. Read at each call, so a
 * test (or a changed environment) needs no module reload.
 */
export function heicEnabled(env: Record<string, string | undefined> = process.env): boolean {
  return env.HEIC_ENABLED?.trim().toLowerCase() !== 'false';
}
