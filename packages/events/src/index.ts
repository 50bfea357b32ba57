export * from './domain-events.js';
export * from './errors.js';
export * from './image-detail-rules.js';
export * from './one-at-a-time-per-key.js';
export * from './parse-message.js';
export * from './publish.js';
export * from './record-handler.js';
export * from './s3-event.js';
