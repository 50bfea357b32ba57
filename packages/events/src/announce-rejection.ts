import { deleteObjectVersion, type ServiceDeps } from '@pipeline/aws';
import { type ImageRecord, REJECT_REASONS, type RejectReason } from '@pipeline/domain';
import { type EventSubject, eventFields, ImageEventType } from './domain-events.js';
import { publishEvent } from './publish.js';

/** Why an upload was rejected, as image.rejected carries it. */
export interface RejectionNotice {
  reason: RejectReason;
  message: string;
}

/**
 * The last steps of a rejection, shared by ingest (rejected by its probe) and
 * resize (rejected when decoding fails): publish image.rejected, then delete
 * the upload version. Publishing first means a retry that still finds the
 * upload knows the previous attempt stopped half-way and runs this again.
 *
 * @throws AWS SDK errors (transient), so the message is retried.
 */
export async function announceRejection(
  subject: EventSubject,
  rejection: RejectionNotice,
  deps: Pick<ServiceDeps, 'clients' | 'config'>,
): Promise<void> {
  const { clients, config } = deps;
  await publishEvent(clients.sns, config.eventsTopicArn, {
    type: ImageEventType.REJECTED,
    ...eventFields(subject),
    reason: rejection.reason,
    message: rejection.message,
  });
  await deleteObjectVersion(clients.s3, subject);
}

/**
 * The rejection a REJECTED record holds, to announce it again on a retry; a
 * reason the record does not name as a known one becomes `Image::Corrupt`.
 *
 * @param fallbackMessage - the message when the record holds none.
 */
export function rejectionOf(
  record: Pick<ImageRecord, 'statusReason' | 'statusMessage'>,
  fallbackMessage: string,
): RejectionNotice {
  const known = (REJECT_REASONS as readonly string[]).includes(record.statusReason ?? '');
  return {
    reason: known ? (record.statusReason as RejectReason) : 'Image::Corrupt',
    message: record.statusMessage ?? fallbackMessage,
  };
}
