import { describe, expect, it } from 'vitest';
import { functionEnvVars } from '../../lambda/env-vars.ts';

const fn = {
  function_name: 'local-ingest',
  queue_url: 'http://127.0.0.1:4566/123456789012/local-ingest',
  dlq_url: null,
  batch_size: 5,
  timeout_seconds: 30,
  environment: { IMAGES_TABLE: 'local-images', AWS_REGION: 'eu-west-3' },
};

describe('functionEnvVars', () => {
  it('gives the handler its terraform environment, Lambda variables and the local endpoint', () => {
    const env = functionEnvVars({
      name: 'ingest',
      fn,
      region: 'us-east-1',
      endpoint: 'http://127.0.0.1:4566',
      handlerPath: '/repo/functions/ingest/dist/index.mjs',
      memoryMb: 1024,
    });

    expect(env).toMatchObject({
      IMAGES_TABLE: 'local-images',
      AWS_LAMBDA_FUNCTION_NAME: 'local-ingest',
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '1024',
      POWERTOOLS_SERVICE_NAME: 'ingest',
      AWS_ENDPOINT_URL: 'http://127.0.0.1:4566',
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
      LAMBDA_TASK_ROOT: '/repo/functions/ingest/dist',
    });
  });

  it('lets nothing else in from the shell, and lets `extra` win', () => {
    process.env.SOME_DEVELOPER_SECRET = 'x';
    const env = functionEnvVars({
      name: 'ingest',
      fn,
      region: 'us-east-1',
      endpoint: 'http://127.0.0.1:4566',
      handlerPath: '/h/index.mjs',
      memoryMb: 128,
      extra: { IMAGES_TABLE: 'override' },
    });
    delete process.env.SOME_DEVELOPER_SECRET;

    expect(env.SOME_DEVELOPER_SECRET).toBeUndefined();
    expect(env.IMAGES_TABLE).toBe('override');
  });

  it("passes the runtime's PIPELINE_CALL_LOG through, so every function records its AWS calls", () => {
    const options = {
      name: 'ingest',
      fn,
      region: 'us-east-1',
      endpoint: 'http://127.0.0.1:4566',
      handlerPath: '/h/index.mjs',
      memoryMb: 128,
    };
    const before = process.env.PIPELINE_CALL_LOG;
    try {
      delete process.env.PIPELINE_CALL_LOG;
      expect(functionEnvVars(options)).not.toHaveProperty('PIPELINE_CALL_LOG');
      process.env.PIPELINE_CALL_LOG = '/repo/.local/calls-4567';
      expect(functionEnvVars(options).PIPELINE_CALL_LOG).toBe('/repo/.local/calls-4567');
    } finally {
      if (before === undefined) delete process.env.PIPELINE_CALL_LOG;
      else process.env.PIPELINE_CALL_LOG = before;
    }
  });
});
