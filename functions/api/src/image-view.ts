import type {
  ImagePlaceholder,
  ImageRecord,
  RenditionCrop,
  RenditionFormat,
  RenditionName,
  Review,
} from '@pipeline/domain';
import type { DuplicateOf } from './duplicate-lookup.js';
import { type PictureSource, pictureSources } from './picture-sources.js';

/** A rendition as clients see it: where to fetch it instead of where it is stored. */
export interface RenditionView {
  name: RenditionName;
  format: RenditionFormat;
  width: number;
  height: number;
  url: string;
  /** 'none', or 'square-attention' for a square cut around the subject (grids). */
  crop: RenditionCrop;
}

/** The public fields of an image record (what every route that returns an image answers). */
export interface ImageView {
  imageId: string;
  owner: string | null;
  status: ImageRecord['status'];
  statusReason: string | null;
  statusMessage: string | null;
  contentType: string | null;
  bytes: number | null;
  width: number | null;
  height: number | null;
  format: ImageRecord['format'];
  caption: string | null;
  takenAt: string | null;
  photographer: string | null;
  review: Review | null;
  /** ThumbHash and dominant colour to paint while the image loads; null before PROCESSED. */
  placeholder: ImagePlaceholder | null;
  /** GET /images/{id} only: an earlier live upload of the same owner that looks the same, or null. */
  duplicateOf?: DuplicateOf | null;
  createdAt: string;
  updatedAt: string;
  renditions: RenditionView[];
  /** Per format, an `<img srcset>` value: `<url> 150w, <url> 480w, …` (whole-image renditions only). */
  srcset: Partial<Record<RenditionFormat, string>>;
  /** `<picture>` sources of the whole image, AVIF/WebP/JPEG, with a suggested `sizes` (see picture-sources.ts). */
  sources: PictureSource[];
  /** The same for the square crops (gallery grids); `[]` when the profile has none. */
  squareSources: PictureSource[];
}

/** `<base>/<key>`: base is RENDITIONS_BASE_URL without a trailing slash. */
export function renditionUrl(baseUrl: string, key: string): string {
  return `${baseUrl}/${key.split('/').map(encodeURIComponent).join('/')}`;
}

/** Maps a record to its {@link ImageView}; storage details (bucket, key, version, order) stay out. */
export function toImageView(record: ImageRecord, renditionsBaseUrl: string): ImageView {
  const renditions = [...record.renditions]
    .sort((a, b) => a.width - b.width)
    .map(({ name, format, width, height, key, crop }) => ({
      name,
      format,
      width,
      height,
      url: renditionUrl(renditionsBaseUrl, key),
      crop: crop ?? 'none',
    }));
  return {
    imageId: record.imageId,
    owner: record.owner,
    status: record.status,
    statusReason: record.statusReason,
    statusMessage: record.statusMessage,
    contentType: record.contentType,
    bytes: record.bytes,
    width: record.width,
    height: record.height,
    format: record.format,
    caption: record.caption,
    takenAt: record.takenAt,
    photographer: record.photographer,
    review: record.review,
    placeholder: record.placeholder ?? null,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    renditions,
    srcset: srcsets(renditions.filter((r) => r.crop === 'none')),
    sources: pictureSources(renditions),
    squareSources: pictureSources(renditions, 'square-attention'),
  };
}

function srcsets(renditions: readonly RenditionView[]): Partial<Record<RenditionFormat, string>> {
  const byFormat: Partial<Record<RenditionFormat, string[]>> = {};
  const seen = new Set<string>();
  for (const rendition of renditions) {
    // Small originals are never upscaled, so two renditions can share a width; srcset wants each once.
    const id = `${rendition.format}:${rendition.width}`;
    if (seen.has(id)) continue;
    seen.add(id);
    const parts = byFormat[rendition.format] ?? [];
    parts.push(`${rendition.url} ${rendition.width}w`);
    byFormat[rendition.format] = parts;
  }
  return Object.fromEntries(Object.entries(byFormat).map(([format, parts]) => [format, parts.join(', ')]));
}
