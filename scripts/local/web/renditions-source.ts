/**
 * Renditions for the local web server: what CloudFront with origin access
 * control does in AWS (the bucket stays private; the CDN reads it with its
 * own credentials), done with signed GetObject calls to moto.
 *
 * Given the images table, it also answers 404 at once for an image that must
 * not be delivered (see {@link deliverableRecord}), whatever objects linger:
 * in AWS the delete function and the moderation function remove the
 * renditions and invalidate the CDN, which takes a bounded while
 * (docs/delivery.md); locally the rendition URL goes dark the moment the
 * record says so.
 */
import type { Readable } from 'node:stream';
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { localClientConfig } from '@pipeline/local-aws/credentials';

/** One stored rendition, ready to stream. */
export interface RenditionObject {
  body: Readable;
  contentType: string | undefined;
  contentLength: number | undefined;
  cacheControl: string | undefined;
  etag: string | undefined;
}

/** Looks a rendition key up; undefined when there is no such object. */
export type RenditionSource = (key: string) => Promise<RenditionObject | undefined>;

export interface S3RenditionSourceOptions {
  /** The moto endpoint. */
  endpoint: string;
  region: string;
  /** The renditions bucket (terraform output `renditions_bucket`). */
  bucket: string;
  /**
   * The images table (terraform output `images_table`): when given, a rendition
   * is served only while its image's record allows it (see {@link deliverableRecord}).
   */
  imagesTable?: string;
}

/** The fields of an image record that decide delivery. */
export interface DeliveryFacts {
  status?: string;
  version?: string | null;
  review?: { decision?: string } | null;
}

/**
 * Whether the rendition `<imageId>/<version>/...` may be served: its image is
 * PROCESSED at that version and not rejected by a moderator. DELETED,
 * REJECTED, a replaced version and a missing record all answer no.
 */
export function deliverableRecord(record: DeliveryFacts | undefined, version: string | undefined): boolean {
  return (
    record?.status === 'PROCESSED' && record.version === version && record.review?.decision !== 'REJECTED'
  );
}

async function objectPresent(s3: S3Client, bucket: string, key: string): Promise<boolean> {
  try {
    await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
    return true;
  } catch (error) {
    const name = (error as Error).name;
    if (name === 'NoSuchKey' || name === 'NotFound') return false;
    throw error;
  }
}

/** A RenditionSource reading the (private) renditions bucket with the local test credentials. */
export function s3RenditionSource(options: S3RenditionSourceOptions): RenditionSource {
  const s3 = new S3Client({ ...localClientConfig(options.endpoint, options.region), forcePathStyle: true });
  const dynamo = options.imagesTable
    ? new DynamoDBClient(localClientConfig(options.endpoint, options.region))
    : undefined;
  const allowed = async (key: string): Promise<boolean> => {
    if (!dynamo || !options.imagesTable) return true;
    const [imageId, version] = key.split('/');
    if (!imageId) return false;
    const { Item } = await dynamo.send(
      new GetItemCommand({
        TableName: options.imagesTable,
        Key: { imageId: { S: imageId } },
        ConsistentRead: true,
      }),
    );
    const record = Item ? (unmarshall(Item) as DeliveryFacts & { bucket?: string; key?: string }) : undefined;
    if (!deliverableRecord(record, version)) return false;
    // DELETE /images/{id} removes the original and answers; the record turns DELETED a moment
    // later (the delete function). A PROCESSED image always has its original, so a missing one
    // means a delete is under way: dark from the moment the API answers.
    return record?.bucket && record.key ? objectPresent(s3, record.bucket, record.key) : true;
  };
  return async (key) => {
    if (!(await allowed(key))) return undefined;
    try {
      const object = await s3.send(new GetObjectCommand({ Bucket: options.bucket, Key: key }));
      return {
        body: object.Body as Readable,
        contentType: object.ContentType,
        contentLength: object.ContentLength,
        cacheControl: object.CacheControl,
        etag: object.ETag,
      };
    } catch (error) {
      const name = (error as Error).name;
      if (name === 'NoSuchKey' || name === 'NotFound') return undefined;
      throw error;
    }
  };
}
