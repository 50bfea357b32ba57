import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  PutCommand,
  QueryCommand,
  type QueryCommandOutput,
} from '@aws-sdk/lib-dynamodb';
import {
  hashBands,
  isPerceptualHash,
  NEAR_DUPLICATE_MAX_DISTANCE,
  nearDuplicateDistance,
  type PerceptualHashes,
} from '@pipeline/domain';

/** An image of the same owner whose hashes are within the threshold. */
export interface NearDuplicateCandidate {
  imageId: string;
  /** See `nearDuplicateDistance` in @pipeline/domain. */
  distance: number;
  /** The hashes the index holds for it (compare with the record's: a replaced upload leaves stale ones). */
  hashes: PerceptualHashes;
}

/**
 * The near-duplicate index, in its own table (NEAR_DUPLICATES_TABLE,
 * terraform/modules/table): partition key `band` (`<owner>#<band>:<bits>`, see
 * `hashBands`), sort key `imageId`, one small item per band of an image with
 * its two hashes (`full`, `centre`), `owner` and `updatedAt`. Two hashes within
 * the threshold share a band (pigeonhole), so a lookup queries its own bands
 * only: at most 2 x NEAR_DUPLICATE_BANDS Queries whatever the size of the
 * library, each returning the images that share that band (about 1/128 of the
 * owner's). Items carry their hashes, so distances need no more reads.
 *
 * Neither an item nor a write grows with the library: adding or removing an
 * image is one PutItem or DeleteItem of a ~150-byte item per band (1 write
 * unit each), where a set of members in one item cost write units for the
 * whole set and could reach the 400 KB item limit. A Query is charged for the
 * sum of the items it returns, rounded up to 4 KB, not per item
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/read-write-operations.html#read-operation-consumption),
 * so a band of a few dozen images still costs one read unit. Without a local
 * secondary index a partition key's item collection has no size limit
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/LSI.html#LSI.ItemCollections.SizeLimit).
 */
export class NearDuplicateIndex {
  /**
   * @param tableName the near-duplicates table (NEAR_DUPLICATES_TABLE), not the images table.
   * @param now clock for `updatedAt` (tests pin it).
   */
  constructor(
    private readonly dynamo: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * Lists the image under each band of its hashes: one PutItem per band, so a
   * redelivery rewrites the same items (idempotent) and concurrent writers of
   * other images never touch each other's items.
   */
  async add(owner: string, imageId: string, hashes: PerceptualHashes): Promise<void> {
    const updatedAt = this.now().toISOString();
    await Promise.all(
      bandKeys(owner, hashes).map((band) =>
        this.dynamo.send(
          new PutCommand({
            TableName: this.tableName,
            Item: { band, imageId, owner, full: hashes.full, centre: hashes.centre, updatedAt },
          }),
        ),
      ),
    );
  }

  /**
   * Takes the image off each band of `hashes` (DeleteItem of a missing item
   * succeeds: idempotent). Bands of `keep` are left alone: an item is one per
   * (band, image), so deleting a band the image's current hashes share with
   * `hashes` would delete its current entry.
   */
  async remove(
    owner: string,
    imageId: string,
    hashes: PerceptualHashes,
    keep?: PerceptualHashes,
  ): Promise<void> {
    const kept = new Set(keep ? bandKeys(owner, keep) : []);
    await Promise.all(
      bandKeys(owner, hashes)
        .filter((band) => !kept.has(band))
        .map((band) =>
          this.dynamo.send(new DeleteCommand({ TableName: this.tableName, Key: { band, imageId } })),
        ),
    );
  }

  /**
   * Moves the image from `previous` to `current` hashes (a replaced upload):
   * adds the current bands first, then removes only the bands of `previous`
   * that `current` does not have, so a shared band keeps the new entry.
   */
  async replace(
    owner: string,
    imageId: string,
    previous: PerceptualHashes,
    current: PerceptualHashes,
  ): Promise<void> {
    await this.add(owner, imageId, current);
    await this.remove(owner, imageId, previous, current);
  }

  /**
   * The owner's images within NEAR_DUPLICATE_MAX_DISTANCE of `hashes`, nearest
   * first, `imageId` itself left out. Strongly consistent reads, every page of
   * each band (a Query returns at most 1 MB:
   * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Query.Pagination.html).
   * The index says nothing about liveness: check each candidate's record.
   */
  async candidates(
    owner: string,
    imageId: string,
    hashes: PerceptualHashes,
  ): Promise<NearDuplicateCandidate[]> {
    const bands = await Promise.all(bandKeys(owner, hashes).map((band) => this.queryBand(band)));
    const found = new Map<string, NearDuplicateCandidate>();
    for (const item of bands.flat()) {
      const candidate = candidateOf(item, hashes);
      if (!candidate || candidate.imageId === imageId) continue;
      if (candidate.distance > NEAR_DUPLICATE_MAX_DISTANCE) continue;
      found.set(candidate.imageId, candidate);
    }
    return [...found.values()].sort((a, b) => a.distance - b.distance || a.imageId.localeCompare(b.imageId));
  }

  private async queryBand(band: string): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    let startKey: QueryCommandOutput['LastEvaluatedKey'];
    do {
      const page: QueryCommandOutput = await this.dynamo.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: '#band = :band',
          ProjectionExpression: 'imageId, #full, centre',
          ExpressionAttributeNames: { '#band': 'band', '#full': 'full' },
          ExpressionAttributeValues: { ':band': band },
          ConsistentRead: true,
          ExclusiveStartKey: startKey,
        }),
      );
      items.push(...(page.Items ?? []));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return items;
  }
}

/** The partition keys of both hashes' bands, each once (the two hashes often share bands). */
export function bandKeys(owner: string, hashes: PerceptualHashes): string[] {
  const bands = new Set([...hashBands(hashes.full), ...hashBands(hashes.centre)]);
  return [...bands].map((band) => `${owner}#${band}`);
}

function candidateOf(
  item: Record<string, unknown>,
  hashes: PerceptualHashes,
): NearDuplicateCandidate | undefined {
  const { imageId, full, centre } = item;
  if (typeof imageId !== 'string' || !isPerceptualHash(full) || !isPerceptualHash(centre)) return undefined;
  const theirs = { full, centre };
  return { imageId, distance: nearDuplicateDistance(hashes, theirs), hashes: theirs };
}
