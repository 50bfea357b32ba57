// The header-only entry point: what ingest needs to decide on an upload, without loading sharp
// (read-header-prefix.ts imports sharp lazily, for HEIF uploads only). Keep sharp out of these imports.
export {
  type ByteSource,
  bufferSource,
  type FetchRange,
  HEADER_BYTES,
  HeaderOutOfReachError,
  MAX_EXTRA_READS,
  prefixSource,
} from './byte-source';
export { ImagingError, InvalidImageError, type InvalidImageReason } from './errors';
export { DEFAULT_LIMITS, type ImageLimits } from './limits';
export { type HeaderFacts, readHeaderFromPrefix } from './read-header-prefix';
