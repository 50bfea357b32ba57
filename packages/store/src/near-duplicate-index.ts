import { type DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import {
  hashBands,
  isPerceptualHash,
  NEAR_DUPLICATE_MAX_DISTANCE,
  nearDuplicateDistance,
  type PerceptualHashes,
} from '@pipeline/domain';

/**
 * Prefix of the imageId of a near-duplicate band item. Band items live in the
 * images table (no new table, no GSI, no new IAM grant: resize and delete
 * already UpdateItem it, the API already GetItems it) and can never be
 * mistaken for an image: `#` is not allowed in an image id, and the items
 * have neither `owner` nor `statusShard`, so both GSIs leave them out.
 */
export const BAND_ITEM_PREFIX = 'phash#';

/** The attribute of a band item holding its members, a string set of `<imageId>:<full>:<centre>`. */
const MEMBERS = 'members';

/** An image of the same owner whose hashes are within the threshold. */
export interface NearDuplicateCandidate {
  imageId: string;
  /** See `nearDuplicateDistance` in @pipeline/domain. */
  distance: number;
  /** The hashes the index holds for it (compare with the record's: a replaced upload leaves stale ones). */
  hashes: PerceptualHashes;
}

/**
 * The near-duplicate index: for each owner and each band of a hash (see
 * `hashBands`), one item listing the images whose full or centre hash has
 * exactly those bits there. Two hashes within the threshold share a band
 * (pigeonhole), so a lookup reads the items of its own bands only: at most
 * 2 x NEAR_DUPLICATE_BANDS GetItems whatever the size of the library, each
 * item holding the images that happen to share that band (about 1/128 of
 * the owner's). Members carry their hashes, so distances need no more reads.
 *
 * Set ADD and DELETE are atomic per item, so concurrent writers never lose a
 * member: https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.UpdateExpressions.html
 */
export class NearDuplicateIndex {
  constructor(
    private readonly dynamo: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** Lists the image under each band of its hashes (idempotent: a set holds a member once). */
  add(owner: string, imageId: string, hashes: PerceptualHashes): Promise<void> {
    return this.updateMembers('ADD', owner, imageId, hashes);
  }

  /** Takes the image off each band of `hashes` (idempotent; an empty set is removed by DynamoDB). */
  remove(owner: string, imageId: string, hashes: PerceptualHashes): Promise<void> {
    return this.updateMembers('DELETE', owner, imageId, hashes);
  }

  /**
   * The owner's images within NEAR_DUPLICATE_MAX_DISTANCE of `hashes`, nearest
   * first, `imageId` itself left out. Strongly consistent reads. The index
   * says nothing about liveness: check each candidate's record.
   */
  async candidates(
    owner: string,
    imageId: string,
    hashes: PerceptualHashes,
  ): Promise<NearDuplicateCandidate[]> {
    const items = await Promise.all(
      bandKeys(owner, hashes).map((key) =>
        this.dynamo.send(
          new GetCommand({
            TableName: this.tableName,
            Key: { imageId: key },
            ProjectionExpression: '#members',
            ExpressionAttributeNames: { '#members': MEMBERS },
            ConsistentRead: true,
          }),
        ),
      ),
    );
    const found = new Map<string, NearDuplicateCandidate>();
    for (const { Item } of items) {
      for (const member of (Item?.[MEMBERS] as Set<string> | undefined) ?? []) {
        const candidate = parseMember(member, hashes);
        if (!candidate || candidate.imageId === imageId) continue;
        if (candidate.distance > NEAR_DUPLICATE_MAX_DISTANCE) continue;
        found.set(member, candidate);
      }
    }
    return [...found.values()].sort((a, b) => a.distance - b.distance || a.imageId.localeCompare(b.imageId));
  }

  private async updateMembers(
    action: 'ADD' | 'DELETE',
    owner: string,
    imageId: string,
    hashes: PerceptualHashes,
  ): Promise<void> {
    const member = `${imageId}:${hashes.full}:${hashes.centre}`;
    await Promise.all(
      bandKeys(owner, hashes).map((key) =>
        this.dynamo.send(
          new UpdateCommand({
            TableName: this.tableName,
            Key: { imageId: key },
            UpdateExpression: `${action} #members :member`,
            ExpressionAttributeNames: { '#members': MEMBERS },
            ExpressionAttributeValues: { ':member': new Set([member]) },
          }),
        ),
      ),
    );
  }
}

/** The band item keys of both hashes, each once (the two hashes often share bands). */
export function bandKeys(owner: string, hashes: PerceptualHashes): string[] {
  const bands = new Set([...hashBands(hashes.full), ...hashBands(hashes.centre)]);
  return [...bands].map((band) => `${BAND_ITEM_PREFIX}${owner}#${band}`);
}

function parseMember(member: string, hashes: PerceptualHashes): NearDuplicateCandidate | undefined {
  const [imageId, full, centre] = member.split(':');
  if (!imageId || !isPerceptualHash(full) || !isPerceptualHash(centre)) return undefined;
  const theirs = { full, centre };
  return { imageId, distance: nearDuplicateDistance(hashes, theirs), hashes: theirs };
}
