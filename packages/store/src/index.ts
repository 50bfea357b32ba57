export * from './conditions.js';
export * from './errors.js';
export * from './images-store.js';
export * from './item.js';
export * from './upload-rule.js';
