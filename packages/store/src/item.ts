import {
  type ImageFormat,
  type ImagePlaceholder,
  type ImageRecord,
  isImageStatus,
  isPerceptualHash,
  type PerceptualHashes,
  type Rendition,
  type Review,
  STATUS_SHARD_ATTRIBUTE,
  statusShardOf,
} from '@pipeline/domain';
import { InvalidRecordError } from './errors.js';
import type { UploadFacts } from './upload-rule.js';

/**
 * DynamoDB attribute names of the image record. They equal the
 * {@link ImageRecord} field names; `owner` is omitted (not NULL) when the
 * upload has no owner segment, so the by-owner GSI stays sparse and valid.
 */
export const ATTR = {
  imageId: 'imageId',
  owner: 'owner',
  bucket: 'bucket',
  key: 'key',
  version: 'version',
  orderKey: 'orderKey',
  contentType: 'contentType',
  bytes: 'bytes',
  width: 'width',
  height: 'height',
  format: 'format',
  status: 'status',
  statusReason: 'statusReason',
  statusMessage: 'statusMessage',
  renditions: 'renditions',
  caption: 'caption',
  takenAt: 'takenAt',
  photographer: 'photographer',
  review: 'review',
  placeholder: 'placeholder',
  perceptualHashes: 'perceptualHashes',
  createdAt: 'createdAt',
  updatedAt: 'updatedAt',
} as const satisfies Record<keyof ImageRecord, string>;

type Item = Record<string, unknown>;

/**
 * Maps a stored item to an {@link ImageRecord}; absent attributes become `null`.
 *
 * @throws {InvalidRecordError} when imageId or status is missing or unknown.
 */
export function toRecord(item: Item): ImageRecord {
  const imageId = str(item.imageId);
  if (!imageId) throw new InvalidRecordError('item has no imageId');
  if (!isImageStatus(item.status))
    throw new InvalidRecordError(`imageId ${imageId}: unknown status ${String(item.status)}`);
  return {
    imageId,
    owner: str(item.owner),
    bucket: str(item.bucket) ?? '',
    key: str(item.key) ?? '',
    version: str(item.version),
    orderKey: str(item.orderKey) ?? '',
    contentType: str(item.contentType),
    bytes: num(item.bytes),
    width: num(item.width),
    height: num(item.height),
    format: (str(item.format) as ImageFormat | null) ?? null,
    status: item.status,
    statusReason: str(item.statusReason),
    statusMessage: str(item.statusMessage),
    renditions: Array.isArray(item.renditions) ? (item.renditions as Rendition[]) : [],
    caption: str(item.caption),
    takenAt: str(item.takenAt),
    photographer: str(item.photographer),
    review: typeof item.review === 'object' && item.review !== null ? (item.review as Review) : null,
    createdAt: str(item.createdAt) ?? '',
    updatedAt: str(item.updatedAt) ?? '',
    // Left out rather than null when absent, like every record written before they existed.
    ...optional('placeholder', placeholderOf(item.placeholder)),
    ...optional('perceptualHashes', hashesOf(item.perceptualHashes)),
  };
}

/** A fresh record for an upload (what ingest writes), with `fields` on top. */
export function newRecord(upload: UploadFacts, fields: Partial<ImageRecord>, at: string): ImageRecord {
  return {
    imageId: upload.imageId,
    owner: upload.owner,
    bucket: upload.bucket,
    key: upload.key,
    version: upload.version,
    orderKey: upload.orderKey,
    contentType: null,
    bytes: null,
    width: null,
    height: null,
    format: null,
    status: 'UPLOADED',
    statusReason: null,
    statusMessage: null,
    renditions: [],
    caption: null,
    takenAt: null,
    photographer: null,
    review: null,
    createdAt: at,
    updatedAt: at,
    ...fields,
  };
}

/**
 * The item for a record: `null` fields are left out rather than stored as
 * NULL, and `statusShard` is added (the byStatusShard index key; every write
 * that sets `status` sets it too).
 */
export function toItem(record: ImageRecord): Item {
  return {
    ...Object.fromEntries(
      Object.entries(record).filter(([, value]) => value !== null && value !== undefined),
    ),
    [STATUS_SHARD_ATTRIBUTE]: statusShardOf(record.status, record.imageId),
  };
}

function optional<K extends string, V>(key: K, value: V | null): { [P in K]?: V } {
  return (value === null ? {} : { [key]: value }) as { [P in K]?: V };
}

function placeholderOf(value: unknown): ImagePlaceholder | null {
  const { thumbHash, dominantColor } = (value ?? {}) as Record<string, unknown>;
  return typeof thumbHash === 'string' && typeof dominantColor === 'string'
    ? { thumbHash, dominantColor }
    : null;
}

function hashesOf(value: unknown): PerceptualHashes | null {
  const { full, centre } = (value ?? {}) as Record<string, unknown>;
  return isPerceptualHash(full) && isPerceptualHash(centre) ? { full, centre } : null;
}

function str(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

function num(value: unknown): number | null {
  return typeof value === 'number' ? value : null;
}
