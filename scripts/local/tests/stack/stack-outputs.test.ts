import { describe, expect, it } from 'vitest';
import { parseStackOutputs } from '../../stack/stack-outputs.ts';

const contract = {
  region: 'us-east-1',
  uploads_bucket: 'uploads',
  renditions_bucket: 'renditions',
  images_table: 'images',
  events_topic_arn: 'arn:aws:sns:us-east-1:123456789012:image-events',
  user_pool_id: 'us-east-1_pool',
  api_throttling: { rate_limit: 10, burst_limit: 20 },
  functions: { api: { function_name: 'local-api', timeout_seconds: 10 } },
};
const asOutputs = (values: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(values).map(([name, value]) => [name, { value }]));

describe('parseStackOutputs', () => {
  it('reads one output per field', () => {
    const outputs = parseStackOutputs(asOutputs({ ...contract, web_url: 'http://localhost:4581' }));

    expect(outputs).toMatchObject({ ...contract, web_url: 'http://localhost:4581' });
    expect(outputs.functions.api?.environment).toEqual({});
  });

  it("reads the fields of a `pipeline` object output, with the env's own outputs beside it", () => {
    const outputs = parseStackOutputs(
      asOutputs({ pipeline: { ...contract, mail_from: null }, web_url: 'http://localhost:4581' }),
    );

    expect(outputs).toMatchObject({ ...contract, web_url: 'http://localhost:4581' });
    expect(outputs).not.toHaveProperty('mail_from');
  });

  it('names the first missing output', () => {
    expect(() => parseStackOutputs(asOutputs({ ...contract, images_table: undefined }))).toThrow(
      'terraform output: "images_table" is missing or not a string',
    );
  });
});
