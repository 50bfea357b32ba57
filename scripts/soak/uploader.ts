/**
 * Puts each planned upload into the pipeline the way its kind says: a plain
 * PUT, a PUT whose real S3 event is then published to the topic a second time,
 * two versions of one key (at once, or once the first is PROCESSED), a PUT
 * followed at once by a DELETE, or an invalid file.
 */
import { randomUUID } from 'node:crypto';
import { DeleteObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { PublishCommand } from '@aws-sdk/client-sns';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { normalizeEtag } from '@pipeline/domain';
import type { StackOutputs } from '../local/stack/stack-outputs.ts';
import type { SoakClients } from './clients.ts';
import type { EventTap } from './event-tap.ts';
import { notAnImage, type SoakFile, truncatedJpeg } from './inputs.ts';
import type { UploadOutcome } from './invariants.ts';
import type { PlannedUpload } from './plan.ts';

export interface UploaderOptions {
  clients: SoakClients;
  outputs: StackOutputs;
  tap: EventTap;
  /** Owner segment of every key (the soak user's Cognito `sub` when there is a pool). */
  owner: string;
  photos: readonly SoakFile[];
  /**
   * How long to wait for a first version to be PROCESSED before re-sending or
   * overwriting anyway, ms (default 30 s; under injected faults its message may sit in a DLQ).
   */
  waitMs?: number;
}

/** Runs `work` over `items` with at most `concurrency` at a time, in order of start. */
export async function withConcurrency<T, R>(
  items: readonly T[],
  concurrency: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, worker));
  return results;
}

export class Uploader {
  constructor(private readonly options: UploaderOptions) {}

  private photo(index: number): SoakFile {
    const { photos } = this.options;
    return photos[index % photos.length] as SoakFile;
  }

  private async put(key: string, file: SoakFile): Promise<string> {
    const { ETag } = await this.options.clients.s3.send(
      new PutObjectCommand({
        Bucket: this.options.outputs.uploads_bucket,
        Key: key,
        Body: file.body,
        ContentType: file.contentType,
      }),
    );
    if (!ETag) throw new Error(`PUT ${key}: no ETag in the answer`);
    return normalizeEtag(ETag);
  }

  /** Waits until the image is settled at `version` (or has moved past it); false when it did not in time. */
  private async waitProcessed(imageId: string, version: string): Promise<boolean> {
    const deadline = Date.now() + (this.options.waitMs ?? 30_000);
    while (Date.now() < deadline) {
      const { Item } = await this.options.clients.dynamo.send(
        new GetCommand({
          TableName: this.options.outputs.images_table,
          Key: { imageId },
          ConsistentRead: true,
        }),
      );
      if (Item && (Item.version !== version || ['PROCESSED', 'REJECTED', 'DELETED'].includes(Item.status))) {
        return true;
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    return false;
  }

  /** Puts one planned upload in; resolves once the soak's part is done (not the pipeline's). */
  async upload(item: PlannedUpload): Promise<UploadOutcome> {
    const { clients, outputs, tap, owner } = this.options;
    const imageId = randomUUID();
    const first =
      item.kind === 'not-an-image'
        ? notAnImage(item.index)
        : item.kind === 'truncated-jpeg'
          ? truncatedJpeg(this.firstJpeg(item.photo))
          : this.photo(item.photo);
    const key = `uploads/${owner}/${imageId}.${first.ext}`;
    const versions = [await this.put(key, first)];
    const outcome: UploadOutcome = { imageId, key, kind: item.kind, versions };

    switch (item.kind) {
      case 'duplicate-event': {
        // The real notification, byte for byte, delivered again: what an at-least-once S3 or SNS does.
        const message = await tap.s3Message(key, 'ObjectCreated:');
        if (item.late) await this.waitProcessed(imageId, versions[0] as string);
        await clients.sns.send(
          new PublishCommand({ TopicArn: outputs.events_topic_arn, Message: message.body }),
        );
        break;
      }
      case 'overwrite':
        versions.push(await this.put(key, this.photo(item.photo + 1)));
        break;
      case 'overwrite-after-processed':
        await this.waitProcessed(imageId, versions[0] as string);
        versions.push(await this.put(key, this.photo(item.photo + 1)));
        break;
      case 'delete-after-upload':
        await clients.s3.send(new DeleteObjectCommand({ Bucket: outputs.uploads_bucket, Key: key }));
        break;
      default:
        break;
    }
    return outcome;
  }

  private firstJpeg(from: number): SoakFile {
    const { photos } = this.options;
    for (let i = 0; i < photos.length; i++) {
      const file = this.photo(from + i);
      if (file.contentType === 'image/jpeg') return file;
    }
    throw new Error('photos: a truncated JPEG needs at least one JPEG among the photos');
  }
}
