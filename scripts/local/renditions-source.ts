/**
 * Renditions for the local web server: what CloudFront with origin access
 * control does in AWS (the bucket stays private; the CDN reads it with its
 * own credentials), done with signed GetObject calls to moto.
 */
import type { Readable } from 'node:stream';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';

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
}

/** A RenditionSource reading the (private) renditions bucket with the local test credentials. */
export function s3RenditionSource(options: S3RenditionSourceOptions): RenditionSource {
  const s3 = new S3Client({
    endpoint: options.endpoint,
    region: options.region,
    forcePathStyle: true,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
  return async (key) => {
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
