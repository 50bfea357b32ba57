import { describe, expect, it } from 'vitest';
import { awaitingReview } from '../../src/moderation/moderation-view.ts';
import { record } from '../helpers.ts';

describe('awaitingReview', () => {
  it('keeps processed photos nobody has reviewed yet', () => {
    const items = [
      record({ imageId: 'a' }),
      record({ imageId: 'b', review: { decision: 'APPROVED' } }),
      record({ imageId: 'c', status: 'DELETED' }),
      record({ imageId: 'd' }),
    ];
    expect(awaitingReview(items).map((item) => item.imageId)).toEqual(['a', 'd']);
  });
});
