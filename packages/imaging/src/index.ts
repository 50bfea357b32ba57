// The product constants live in @pipeline/domain; re-exported so a caller of makeRenditions needs one import.
export {
  IMAGE_FORMATS,
  type ImageFormat,
  MIME_TYPES,
  RENDITION_SPECS,
  RENDITION_WIDTHS,
  type RenditionFormat,
  type RenditionName,
  type RenditionSpec,
} from '@pipeline/domain';
export { configureSharp, type SharpSettings } from './configure-sharp';
export {
  ImagingError,
  InvalidImageError,
  type InvalidImageReason,
  InvalidImagingOptionError,
} from './errors';
export { DEFAULT_LIMITS, type ImageLimits } from './limits';
export { makeRenditions, type Rendition, type RenditionOptions } from './make-renditions';
export { type ImageProbe, probeImage } from './probe-image';
