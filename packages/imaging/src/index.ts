// The product constants live in @pipeline/domain; re-exported so a caller of makeRenditions needs one import.
export {
  CLASSIC_RENDITION_PROFILE,
  CLASSIC_RENDITION_SPECS,
  DEFAULT_RENDITION_PROFILE,
  IMAGE_FORMATS,
  type ImageFormat,
  MIME_TYPES,
  RENDITION_SPECS,
  RENDITION_WIDTHS,
  type RenditionFormat,
  type RenditionName,
  type RenditionProfile,
  type RenditionSpec,
} from '@pipeline/domain';
export { DEFAULT_AVIF_MIN_SAVING_PERCENT, keepAvifWhenSmaller } from './avif-rule';
export {
  type ByteSource,
  bufferSource,
  type FetchRange,
  HEADER_BYTES,
  HeaderOutOfReachError,
  MAX_EXTRA_READS,
  prefixSource,
} from './byte-source';
export { configureSharp, type SharpSettings } from './configure-sharp';
export {
  ImagingError,
  InvalidImageError,
  type InvalidImageReason,
  InvalidImagingOptionError,
} from './errors';
export { decodeHeic, type RgbaImage } from './heic/decode-heic';
export { heicEnabled } from './heic/heic-enabled';
export { DEFAULT_LIMITS, type ImageLimits } from './limits';
export { makeRenditions, type Rendition, type RenditionOptions } from './make-renditions';
export { hashOfPixels, perceptualHashes, perceptualHashesOf } from './phash';
export { makePlaceholder, type Placeholder, placeholderOf } from './placeholder';
export { type ImageProbe, probeImage } from './probe-image';
export { type HeaderFacts, readHeaderFromPrefix } from './read-header-prefix';
export { type Pixels, SMALL_SIDE, smallPixels } from './small-pixels';
