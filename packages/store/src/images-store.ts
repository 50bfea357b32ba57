import { type DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { isConditionalCheckFailed } from '@pipeline/aws';
import { type ImageRecord, ImageStatus, type Rendition, type Review, statusShardOf } from '@pipeline/domain';
import {
  BUMP_ORDER_CONDITION,
  DELETE_BY_ORDER_ANY_KEY_CONDITION,
  DELETE_BY_ORDER_CONDITION,
  DELETE_VERSION_CONDITION,
  FROM_ACCEPTED_CONDITION,
  INGEST_CONDITION,
  namesIn,
} from './conditions.js';
import { ConcurrentUpdateError } from './errors.js';
import {
  type ImageDetails,
  recordImageReview,
  recordImageReviewInOrder,
  updateAnyImageDetails,
  updateImageDetails,
} from './image-edits.js';
import { newRecord, toItem, toRecord } from './item.js';
import { type ImageListQuery, type ImagePage, type ListOptions, listImages } from './list-images.js';
import { type ImageTraits, processedUpdate } from './processed-update.js';
import type {
  AcceptedImage,
  DeleteResult,
  DeleteTarget,
  IngestResult,
  MarkResult,
  Rejection,
} from './store-results.js';
import { classifyUpload, type UploadFacts } from './upload-rule.js';

/**
 * The images table. Every write is conditional, so status only moves forward
 * and an older or repeated event never wins; a refused condition is a normal
 * outcome (`applied: false`, `duplicate`, `stale`), not an error. Other
 * DynamoDB errors propagate unchanged.
 */
export class ImagesStore {
  constructor(
    private readonly dynamo: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Reads a record (strongly consistent). */
  async get(imageId: string): Promise<ImageRecord | undefined> {
    const { Item } = await this.dynamo.send(
      new GetCommand({ TableName: this.tableName, Key: { imageId }, ConsistentRead: true }),
    );
    return Item ? toRecord(Item) : undefined;
  }

  /**
   * One page of images, newest first: an owner's (GSI byOwner, optionally one
   * status only or all but one) or everyone's in one status (GSI
   * byStatusShard, its shards merged).
   * Reads are eventually consistent (GSIs offer nothing else).
   */
  list(query: ImageListQuery, options: ListOptions): Promise<ImagePage> {
    return listImages(this.dynamo, this.tableName, query, options);
  }

  /**
   * The owner edits caption, takenAt or photographer (`null` removes one).
   * Applies only when the image exists, belongs to `owner` and is not DELETED;
   * otherwise `applied: false` with the current record, so the caller can tell
   * "not yours / missing" from "deleted".
   */
  updateDetails(imageId: string, owner: string, details: ImageDetails): Promise<MarkResult> {
    return updateImageDetails(
      this.dynamo,
      this.tableName,
      { imageId, owner },
      details,
      this.now().toISOString(),
    );
  }

  /**
   * Records a moderator's review (replacing any earlier one); status does not
   * change. Applies only to an ACCEPTED or PROCESSED image (see `REVIEW_CONDITION`);
   * otherwise `applied: false` with the current record. `reviewedAt` defaults to now.
   */
  recordReview(imageId: string, review: Review): Promise<MarkResult> {
    return recordImageReview(this.dynamo, this.tableName, imageId, review, this.now().toISOString());
  }

  /**
   * Edits caption, takenAt or photographer for a trusted integration (a message
   * on the events topic, which names no owner): {@link updateDetails} without
   * the owner check, so ownerless uploads can be edited too. Never a DELETED image.
   */
  updateDetailsOfAnyOwner(imageId: string, details: ImageDetails): Promise<MarkResult> {
    return updateAnyImageDetails(this.dynamo, this.tableName, imageId, details, this.now().toISOString());
  }

  /**
   * {@link recordReview} for a review dated by its sender (a message on the
   * events topic: redelivered, or overtaken by a later one): applies only when
   * the stored review is not later than `review.reviewedAt` (see
   * `REVIEW_IN_ORDER_CONDITION`). Dates compare as strings: pass `toISOString()` form.
   */
  recordReviewInOrder(imageId: string, review: Review & { reviewedAt: string }): Promise<MarkResult> {
    return recordImageReviewInOrder(this.dynamo, this.tableName, imageId, review, this.now().toISOString());
  }

  /** Records an upload as ACCEPTED (see `INGEST_CONDITION` for when it applies). */
  recordAccepted(upload: UploadFacts, image: AcceptedImage): Promise<IngestResult> {
    return this.recordUpload(upload, { status: ImageStatus.ACCEPTED, ...image });
  }

  /** Records an upload as REJECTED with a reason code and message (same rule as {@link recordAccepted}). */
  recordRejected(upload: UploadFacts, rejection: Rejection): Promise<IngestResult> {
    return this.recordUpload(upload, {
      status: ImageStatus.REJECTED,
      statusReason: rejection.reason,
      statusMessage: rejection.message,
      bytes: rejection.bytes ?? null,
    });
  }

  /** ACCEPTED -> PROCESSED for the same version, storing the renditions and, when given, the placeholder and hashes. */
  markProcessed(
    imageId: string,
    version: string,
    renditions: readonly Rendition[],
    traits: ImageTraits = {},
  ): Promise<MarkResult> {
    const { update, values } = processedUpdate(imageId, renditions, traits);
    return this.moveFromAccepted(imageId, version, update, values);
  }

  /** ACCEPTED -> REJECTED for the same version (resize found the image unusable). */
  markRejected(imageId: string, version: string, rejection: Rejection): Promise<MarkResult> {
    return this.moveFromAccepted(
      imageId,
      version,
      'SET #status = :rejected, #statusShard = :statusShard, #statusReason = :reason, #statusMessage = :message, #updatedAt = :now',
      {
        ':rejected': ImageStatus.REJECTED,
        ':statusShard': statusShardOf(ImageStatus.REJECTED, imageId),
        ':reason': rejection.reason,
        ':message': rejection.message,
      },
    );
  }

  /**
   * -> DELETED unless the record is newer than `target.orderKey` (or belongs to
   * another key). Without `version` (S3 ObjectRemoved) a REJECTED record stays
   * REJECTED, and with no record a DELETED tombstone carrying the orderKey is
   * written so a late ObjectCreated for the removed upload is ignored. With
   * `version` (image.delete_requested) only that upload is deleted, whatever its
   * status. Renditions are cleared.
   */
  async markDeleted(imageId: string, target: DeleteTarget): Promise<DeleteResult> {
    const condition = target.version
      ? DELETE_VERSION_CONDITION + (target.key ? ' AND #key = :key' : '')
      : target.key
        ? DELETE_BY_ORDER_CONDITION
        : DELETE_BY_ORDER_ANY_KEY_CONDITION;
    const sets = [
      '#status = :deleted',
      '#statusShard = :statusShard',
      '#orderKey = :orderKey',
      '#renditions = :none',
      '#updatedAt = :now',
    ];
    sets.push('#createdAt = if_not_exists(#createdAt, :now)');
    const values: Record<string, unknown> = {
      ':deleted': ImageStatus.DELETED,
      ':statusShard': statusShardOf(ImageStatus.DELETED, imageId),
      ':orderKey': target.orderKey,
      ':none': [],
      ':now': this.now().toISOString(),
    };
    if (target.key) {
      sets.push('#key = if_not_exists(#key, :key)');
      values[':key'] = target.key;
    }
    if (target.version) values[':version'] = target.version;
    else values[':rejected'] = ImageStatus.REJECTED;
    if (target.bucket) {
      sets.push('#bucket = if_not_exists(#bucket, :bucket)');
      values[':bucket'] = target.bucket;
    }
    if (target.owner) {
      sets.push('#owner = if_not_exists(#owner, :owner)');
      values[':owner'] = target.owner;
    }
    const update = `SET ${sets.join(', ')}`;
    try {
      const { Attributes } = await this.dynamo.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { imageId },
          UpdateExpression: update,
          ConditionExpression: condition,
          ExpressionAttributeNames: namesIn(update, condition),
          ExpressionAttributeValues: values,
          ReturnValues: 'ALL_OLD',
        }),
      );
      return { applied: true, previous: Attributes ? toRecord(Attributes) : undefined };
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
      return { applied: false, record: await this.get(imageId) };
    }
  }

  private async recordUpload(upload: UploadFacts, fields: Partial<ImageRecord>): Promise<IngestResult> {
    const record = newRecord(upload, fields, this.now().toISOString());
    try {
      await this.dynamo.send(
        new PutCommand({
          TableName: this.tableName,
          Item: toItem(record),
          ConditionExpression: INGEST_CONDITION,
          ExpressionAttributeNames: namesIn(INGEST_CONDITION),
          ExpressionAttributeValues: {
            ':key': upload.key,
            ':version': upload.version,
            ':orderKey': upload.orderKey,
            ':deleted': ImageStatus.DELETED,
          },
        }),
      );
      return { outcome: 'recorded', record };
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
    }
    const existing = await this.get(upload.imageId);
    const verdict = classifyUpload(existing, upload);
    if (verdict === 'write') throw new ConcurrentUpdateError(upload.imageId);
    if (verdict === 'duplicate' && existing && existing.orderKey < upload.orderKey)
      await this.bumpOrder(upload);
    return { outcome: verdict, record: existing };
  }

  /** Identical bytes uploaded again: keep the record, remember the newer event so older deletes lose. */
  private async bumpOrder(upload: UploadFacts): Promise<void> {
    const update = 'SET #orderKey = :orderKey, #updatedAt = :now';
    try {
      await this.dynamo.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { imageId: upload.imageId },
          UpdateExpression: update,
          ConditionExpression: BUMP_ORDER_CONDITION,
          ExpressionAttributeNames: namesIn(update, BUMP_ORDER_CONDITION),
          ExpressionAttributeValues: {
            ':orderKey': upload.orderKey,
            ':now': this.now().toISOString(),
            ':key': upload.key,
            ':version': upload.version,
            ':deleted': ImageStatus.DELETED,
          },
        }),
      );
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
    }
  }

  private async moveFromAccepted(
    imageId: string,
    version: string,
    update: string,
    values: Record<string, unknown>,
  ): Promise<MarkResult> {
    try {
      const { Attributes } = await this.dynamo.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { imageId },
          UpdateExpression: update,
          ConditionExpression: FROM_ACCEPTED_CONDITION,
          ExpressionAttributeNames: namesIn(update, FROM_ACCEPTED_CONDITION),
          ExpressionAttributeValues: {
            ...values,
            ':now': this.now().toISOString(),
            ':accepted': ImageStatus.ACCEPTED,
            ':version': version,
          },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return { applied: true, record: toRecord(Attributes ?? {}) };
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
      return { applied: false, record: await this.get(imageId) };
    }
  }
}
