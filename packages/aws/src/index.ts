export * from './aws-errors.js';
export * from './clients.js';
export * from './config.js';
export * from './deps.js';
export * from './errors.js';
export * from './faults.js';
export * from './log.js';
export * from './s3-objects.js';
