import type { ImageRecord, RenditionFormat, RenditionName, Review } from '@pipeline/domain';

/** A rendition as clients see it: where to fetch it instead of where it is stored. */
export interface RenditionView {
  name: RenditionName;
  format: RenditionFormat;
  width: number;
  height: number;
  url: string;
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
  createdAt: string;
  updatedAt: string;
  renditions: RenditionView[];
  /** Per format, an `<img srcset>` value: `<url> 150w, <url> 480w, …`. */
  srcset: Partial<Record<RenditionFormat, string>>;
}

/** `<base>/<key>`: base is RENDITIONS_BASE_URL without a trailing slash. */
export function renditionUrl(baseUrl: string, key: string): string {
  return `${baseUrl}/${key.split('/').map(encodeURIComponent).join('/')}`;
}

/** Maps a record to its {@link ImageView}; storage details (bucket, key, version, order) stay out. */
export function toImageView(record: ImageRecord, renditionsBaseUrl: string): ImageView {
  const renditions = [...record.renditions]
    .sort((a, b) => a.width - b.width)
    .map(({ name, format, width, height, key }) => ({
      name,
      format,
      width,
      height,
      url: renditionUrl(renditionsBaseUrl, key),
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
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    renditions,
    srcset: srcsets(renditions),
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
