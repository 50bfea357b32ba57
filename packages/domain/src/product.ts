/**
 * The product's constants and vocabulary without anything Node-only (`keys.ts`
 * needs `node:crypto`), so the web app can bundle them: `@pipeline/domain/product`.
 */
export * from './content-types.js';
export * from './formats.js';
export type { RejectReason, ReviewDecision } from './image-record.js';
export { REJECT_REASONS, REVIEW_DECISIONS } from './image-record.js';
export * from './limits.js';
export * from './rendition-profile.js';
export * from './rendition-profile-error.js';
export * from './renditions.js';
export * from './status.js';
