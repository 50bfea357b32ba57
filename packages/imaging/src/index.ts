export { configureSharp, type SharpSettings } from './configure-sharp';
export {
  ImagingError,
  InvalidImageError,
  type InvalidImageReason,
  InvalidImagingOptionError,
} from './errors';
export { IMAGE_FORMATS, type ImageFormat, MIME_TYPES } from './formats';
export { DEFAULT_LIMITS, type ImageLimits } from './limits';
export { makeRenditions, type Rendition, type RenditionOptions } from './make-renditions';
export { type ImageProbe, probeImage } from './probe-image';
export {
  RENDITION_SPECS,
  RENDITION_WIDTHS,
  type RenditionFormat,
  type RenditionName,
  type RenditionSpec,
} from './rendition-specs';
