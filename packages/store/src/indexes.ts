/** GSI of the images table: hash `owner`, range `createdAt` (an owner's images; sparse without owner). */
export const OWNER_INDEX = 'byOwner';

/**
 * GSI of the images table: hash `statusShard` (`<status>#<n>`, see
 * `statusShardOf` in @pipeline/domain), range `createdAt`: everyone's images
 * in one status, written over STATUS_SHARD_COUNT partitions instead of one.
 */
export const STATUS_SHARD_INDEX = 'byStatusShard';
