import { describe, expect, it } from 'vitest';
import { parseWebConfig } from '../src/config.ts';

const valid = {
  apiUrl: 'http://localhost:4580/',
  region: 'us-east-1',
  userPoolId: 'us-east-1_abc',
  userPoolClientId: 'client',
  cognitoEndpoint: 'http://127.0.0.1:4566',
};

describe('parseWebConfig', () => {
  it('accepts a complete config and drops the trailing slash of the API URL', () => {
    expect(parseWebConfig(valid)).toEqual({ ...valid, apiUrl: 'http://localhost:4580' });
  });

  it('names the field that is missing', () => {
    const { userPoolClientId: _dropped, ...rest } = valid;
    expect(() => parseWebConfig(rest)).toThrow('"userPoolClientId" is missing');
  });

  it('rejects an empty value and a non-object', () => {
    expect(() => parseWebConfig({ ...valid, region: ' ' })).toThrow('"region"');
    expect(() => parseWebConfig('nope')).toThrow('expected an object');
  });
});
