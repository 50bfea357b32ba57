import { PipelineError } from '@pipeline/domain';

/** Base of the store's own errors (AWS SDK errors pass through unchanged). */
export class StoreError extends PipelineError {
  override readonly name: string = 'StoreError';

  constructor(code: string, message: string, options: { cause?: unknown } = {}) {
    super(code, message, options);
  }
}

/** An item in the table that does not look like an image record. */
export class InvalidRecordError extends StoreError {
  override readonly name = 'InvalidRecordError';

  constructor(message: string) {
    super('Store::InvalidRecord', message);
  }
}

/**
 * A conditional write failed, but the record read back says it should have
 * applied: something changed in between. Transient, so the message is retried.
 */
export class ConcurrentUpdateError extends StoreError {
  override readonly name = 'ConcurrentUpdateError';

  constructor(imageId: string) {
    super('Store::ConcurrentUpdate', `imageId ${imageId}: record changed during a conditional write; retry`);
  }
}
