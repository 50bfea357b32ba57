import type { ImageRecord } from '@pipeline/domain';

export { config, quietLogger } from '@pipeline/testing';

/** A stored record with sensible defaults (imageId img-1, ACCEPTED, 100 bytes). */
export function aRecord(overrides: Partial<ImageRecord> = {}): ImageRecord {
  return {
    imageId: 'img-1',
    owner: 'alice',
    bucket: 'uploads',
    key: 'uploads/alice/img-1.jpg',
    version: 'v1',
    orderKey: '2024-01-01T00:00:00.000000Z',
    contentType: 'image/jpeg',
    bytes: 100,
    width: 10,
    height: 10,
    format: 'jpeg',
    status: 'ACCEPTED',
    statusReason: null,
    statusMessage: null,
    renditions: [],
    caption: null,
    takenAt: null,
    photographer: null,
    review: null,
    createdAt: '2024-01-01T00:00:00.000Z',
    updatedAt: '2024-01-01T00:00:00.000Z',
    ...overrides,
  };
}
