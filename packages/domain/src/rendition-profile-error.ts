import { PipelineError } from './errors.js';

/**
 * A rendition profile that breaks a rule (see `parseRenditionProfile`).
 * A deployment mistake, not a bad message: the function fails at load, so no
 * image is rendered with a half-understood profile.
 */
export class RenditionProfileError extends PipelineError {
  override readonly name = 'RenditionProfileError';

  constructor(
    message: string,
    /** Each problem as `<path> <rule>`, e.g. `sizes[1].width must be at most 8192 px`. */
    readonly problems: readonly string[],
    options: { cause?: unknown } = {},
  ) {
    super('Config::RenditionProfile', message, { ...options, permanent: true });
  }
}
