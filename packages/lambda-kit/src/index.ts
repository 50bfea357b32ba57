export * from './queue-deps.js';
export * from './scheduled-handler.js';
export * from './sqs-batch-handler.js';
