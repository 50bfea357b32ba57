export * from './aws-mocks.js';
export * from './handler-env.js';
export * from './messages.js';
export * from './unit-deps.js';
