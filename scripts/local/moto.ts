// TEMPORARY (H4a): the module moved to moto/moto-server.ts; this keeps the imports outside scripts/local's
// owners' scopes (functions/*/tests/integration, tests/security) working until the lead rewrites them.
export * from './moto/moto-server.ts';
