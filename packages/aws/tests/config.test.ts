import { DEFAULT_MAX_INPUT_PIXELS, DEFAULT_MAX_UPLOAD_BYTES } from '@pipeline/domain';
import { describe, expect, it } from 'vitest';
import { nearDuplicatesTableOf, readConfig } from '../src/config.js';
import { ConfigError } from '../src/errors.js';

const env = {
  UPLOADS_BUCKET: 'uploads',
  RENDITIONS_BUCKET: 'renditions',
  IMAGES_TABLE: 'images',
  EVENTS_TOPIC_ARN: 'arn:aws:sns:us-east-1:000000000000:image-events',
};

describe('readConfig', () => {
  it('reads the pipeline environment with defaults for the limits', () => {
    expect(readConfig(env)).toEqual({
      uploadsBucket: 'uploads',
      renditionsBucket: 'renditions',
      imagesTable: 'images',
      eventsTopicArn: env.EVENTS_TOPIC_ARN,
      maxUploadBytes: DEFAULT_MAX_UPLOAD_BYTES,
      maxInputPixels: DEFAULT_MAX_INPUT_PIXELS,
    });
    expect(DEFAULT_MAX_UPLOAD_BYTES).toBe(52428800);
    expect(DEFAULT_MAX_INPUT_PIXELS).toBe(50000000);
  });

  it('parses numeric limits', () => {
    const config = readConfig({ ...env, MAX_UPLOAD_BYTES: '1024', MAX_INPUT_PIXELS: '' });
    expect(config.maxUploadBytes).toBe(1024);
    expect(config.maxInputPixels).toBe(DEFAULT_MAX_INPUT_PIXELS);
  });

  it('names a missing variable in the error', () => {
    const { IMAGES_TABLE: _omitted, ...rest } = env;
    expect(() => readConfig(rest)).toThrow(/IMAGES_TABLE is required/);
    expect(() => readConfig(rest)).toThrow(ConfigError);
  });

  it('names an invalid number in the error', () => {
    expect(() => readConfig({ ...env, MAX_UPLOAD_BYTES: 'lots' })).toThrow(
      /MAX_UPLOAD_BYTES must be a positive integer/,
    );
    expect(() => readConfig({ ...env, MAX_INPUT_PIXELS: '-5' })).toThrow(/MAX_INPUT_PIXELS/);
  });

  it('lists every offending variable', () => {
    expect(() => readConfig({})).toThrow(
      expect.objectContaining({
        name: 'ConfigError',
        variables: ['UPLOADS_BUCKET', 'RENDITIONS_BUCKET', 'IMAGES_TABLE', 'EVENTS_TOPIC_ARN'],
      }),
    );
  });

  it('reads NEAR_DUPLICATES_TABLE when set, and leaves it out when unset or blank', () => {
    expect(readConfig({ ...env, NEAR_DUPLICATES_TABLE: ' nd ' }).nearDuplicatesTable).toBe('nd');
    expect(readConfig({ ...env, NEAR_DUPLICATES_TABLE: '' })).not.toHaveProperty('nearDuplicatesTable');
  });
});

describe('nearDuplicatesTableOf', () => {
  it('gives the table, or a ConfigError naming NEAR_DUPLICATES_TABLE when it is not set', () => {
    expect(nearDuplicatesTableOf(readConfig({ ...env, NEAR_DUPLICATES_TABLE: 'nd' }))).toBe('nd');
    expect(() => nearDuplicatesTableOf(readConfig(env))).toThrow(
      expect.objectContaining({ name: 'ConfigError', variables: ['NEAR_DUPLICATES_TABLE'] }),
    );
  });
});
