export * from './conditions.js';
export * from './errors.js';
export * from './image-edits.js';
export * from './images-store.js';
export * from './indexes.js';
export * from './item.js';
export * from './list-images.js';
export * from './upload-rule.js';
