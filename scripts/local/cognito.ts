// TEMPORARY (H4a): the module moved to gateway/cognito.ts; this keeps the imports outside scripts/local's
// owners' scopes (functions/*/tests/integration, tests/security) working until the lead rewrites them.
export * from './gateway/cognito.ts';
