import { listKeys, type ServiceDeps } from '@pipeline/aws';
import { type ImageRecord, renditionPrefix } from '@pipeline/domain';
import { eventFields, ImageEventType, publishEvent } from '@pipeline/events';

/**
 * Puts a PROCESSED image back on delivery after a moderator's rejection was
 * lifted: when renditions of its current version are missing, publishes
 * `image.accepted` for that version again, and resize re-renders them from the
 * original (ingest keeps the original of every valid upload). Renditions keep
 * their keys, so the URLs the owner had work again. A redelivery, or an
 * approval of an image that was never rejected, finds every rendition in
 * place and publishes nothing.
 *
 * @returns true when a re-render was requested.
 * @throws AWS SDK errors (transient).
 */
export async function restoreImage(
  deps: Pick<ServiceDeps, 'clients' | 'config' | 'logger'>,
  record: ImageRecord,
): Promise<boolean> {
  if (record.status !== 'PROCESSED' || !record.version) return false;
  const { clients, config, logger } = deps;
  const stored = await listKeys(
    clients.s3,
    config.renditionsBucket,
    renditionPrefix(record.imageId, record.version),
  );
  const expected = record.renditions?.length ?? 0;
  if (expected > 0 && stored.length >= expected) return false;
  await publishEvent(clients.sns, config.eventsTopicArn, {
    type: ImageEventType.ACCEPTED,
    ...eventFields({ ...record, version: record.version }),
  });
  logger.info('Image restored to delivery: re-render requested', {
    imageId: record.imageId,
    version: record.version,
    missing: expected - stored.length,
  });
  return true;
}
