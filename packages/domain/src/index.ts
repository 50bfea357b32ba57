export * from './content-types.js';
export * from './errors.js';
export * from './image-record.js';
export * from './keys.js';
export * from './ordering.js';
export * from './status.js';
export * from './status-shard.js';
