export * from './apply-review.js';
export * from './delivery-deps.js';
export * from './invalidate-images.js';
export * from './invalidation-batch.js';
export * from './purge-renditions.js';
export * from './restore-image.js';
export * from './withdraw-image.js';
