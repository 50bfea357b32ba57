import { PipelineError } from '@pipeline/domain';
import type { SQSRecord } from 'aws-lambda';
import { describe, expect, it, vi } from 'vitest';
import { MalformedMessageError } from '../src/errors.js';
import { sqsRecordHandler } from '../src/record-handler.js';

function logger() {
  return { debug: vi.fn(), info: vi.fn(), warn: vi.fn(), error: vi.fn() };
}

const record = {
  messageId: 'm-1',
  body: '{}',
  attributes: { ApproximateReceiveCount: '1' },
} as unknown as SQSRecord;

describe('sqsRecordHandler', () => {
  it('passes the body to the service', async () => {
    const service = vi.fn(async () => undefined);
    await sqsRecordHandler(service, logger())(record);
    expect(service).toHaveBeenCalledWith('{}', expect.anything());
  });

  it('acknowledges permanent errors with a warning', async () => {
    const log = logger();
    const handle = sqsRecordHandler(async () => {
      throw new MalformedMessageError('body: not JSON');
    }, log);
    await expect(handle(record)).resolves.toBeUndefined();
    expect(log.warn).toHaveBeenCalledWith(
      expect.any(String),
      expect.objectContaining({ code: 'Message::Malformed' }),
    );
  });

  it('rethrows transient errors so the record is reported as failed', async () => {
    const handle = sqsRecordHandler(async () => {
      throw new PipelineError('X::Transient', 'try again');
    }, logger());
    await expect(handle(record)).rejects.toThrow('try again');
  });

  it('logs with a child logger carrying the message id when available', async () => {
    const child = logger();
    const parent = { ...logger(), createChild: vi.fn(() => child) };
    await sqsRecordHandler(async (_body, log) => log.info('hello'), parent)(record);
    expect(parent.createChild).toHaveBeenCalledWith({
      persistentKeys: { messageId: 'm-1', receiveCount: '1' },
    });
    expect(child.info).toHaveBeenCalledWith('hello');
  });
});
