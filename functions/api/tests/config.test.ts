import { ConfigError } from '@pipeline/aws';
import { describe, expect, it } from 'vitest';
import { readApiConfig } from '../src/config.js';

const env = {
  UPLOADS_BUCKET: 'u',
  RENDITIONS_BUCKET: 'r',
  IMAGES_TABLE: 't',
  EVENTS_TOPIC_ARN: 'arn:aws:sns:us-east-1:0:e',
  RENDITIONS_BASE_URL: 'http://localhost:4566/r/',
};

describe('readApiConfig', () => {
  it('reads the pipeline environment plus the API defaults', () => {
    expect(readApiConfig(env)).toMatchObject({
      uploadsBucket: 'u',
      maxUploadBytes: 52_428_800,
      maxDirectUploadBytes: 4_194_304,
      renditionsBaseUrl: 'http://localhost:4566/r',
      moderatorsGroup: 'moderators',
      quotas: { maxImages: 1000, maxBytes: 5_368_709_120, uploadsPerMinute: 30 },
    });
  });

  it('reads the upload quotas, refusing anything but a positive integer', () => {
    const config = readApiConfig({
      ...env,
      QUOTA_MAX_IMAGES: '3',
      QUOTA_MAX_BYTES: '1000',
      QUOTA_UPLOADS_PER_MINUTE: '2',
    });
    expect(config.quotas).toEqual({ maxImages: 3, maxBytes: 1000, uploadsPerMinute: 2 });
    expect(() => readApiConfig({ ...env, QUOTA_UPLOADS_PER_MINUTE: '0' })).toThrow(
      /QUOTA_UPLOADS_PER_MINUTE must be a positive integer/,
    );
  });

  it('reads MAX_DIRECT_UPLOAD_BYTES and MODERATORS_GROUP', () => {
    const config = readApiConfig({ ...env, MAX_DIRECT_UPLOAD_BYTES: '10', MODERATORS_GROUP: 'mods' });
    expect(config).toMatchObject({ maxDirectUploadBytes: 10, moderatorsGroup: 'mods' });
  });

  it('throws ConfigError naming each bad variable', () => {
    const attempt = () =>
      readApiConfig({ ...env, RENDITIONS_BASE_URL: 'cdn', MAX_DIRECT_UPLOAD_BYTES: '-1' });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/RENDITIONS_BASE_URL must be an http\(s\) URL/);
    expect(attempt).toThrow(/MAX_DIRECT_UPLOAD_BYTES must be a positive integer/);
  });

  it('requires RENDITIONS_BASE_URL', () => {
    const { RENDITIONS_BASE_URL: _unset, ...rest } = env;
    expect(() => readApiConfig(rest)).toThrow(/RENDITIONS_BASE_URL/);
  });
});
