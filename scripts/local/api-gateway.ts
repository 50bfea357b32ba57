// TEMPORARY (H4a): the module moved to gateway/api-gateway.ts; this keeps the imports outside scripts/local's
// owners' scopes (functions/*/tests/integration, tests/security) working until the lead rewrites them.
export * from './gateway/api-gateway.ts';
