/**
 * Security of POST /uploads: the presigned POST's policy (the base64 `Policy`
 * form field S3 checks the upload against) pins where the file goes, what
 * type it declares and how big it may be, for the caller alone. The policy is
 * decoded and its conditions read the way S3 applies them; the signature is
 * recomputed, so the policy read here is the one S3 will trust.
 */
import { createHmac } from 'node:crypto';
import { DynamoDBDocumentClient, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { UPLOAD_CONTENT_TYPES } from '@pipeline/domain';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PRESIGN_TTL_SECONDS } from '../src/config.js';
import { handleRequest } from '../src/handle-request.js';
import { ALICE, apiDeps, apiEvent, BOB, bodyOf, config, NOW } from './helpers.js';

// The upload quotas read DynamoDB: a first upload in the minute by a user with no images.
const usageMock = mockClient(DynamoDBDocumentClient);
beforeEach(() => {
  usageMock.reset();
  usageMock.on(UpdateCommand).resolves({ Attributes: { uploads: 1 } });
  usageMock.on(QueryCommand).resolves({ Items: [] });
});

type Condition = Record<string, string> | [string, string, string] | ['content-length-range', number, number];

interface PostPolicy {
  expiration: string;
  conditions: Condition[];
}

/** What a policy must pin for one upload. */
interface Expected {
  owner: string;
  contentType: string;
  maxBytes: number;
}

function decodePolicy(fields: Record<string, string>): PostPolicy {
  return JSON.parse(Buffer.from(fields.Policy ?? '', 'base64').toString('utf8')) as PostPolicy;
}

/**
 * The conditions on one form field, as `[operator, value]`: `{ field: v }`
 * and `["eq", "$field", v]` are exact matches, `["starts-with", "$field", p]`
 * a prefix (S3 compares field names case-insensitively).
 */
function conditionsOn(policy: PostPolicy, field: string): Array<['eq' | 'starts-with', string]> {
  const name = field.toLowerCase();
  return policy.conditions.flatMap((c): Array<['eq' | 'starts-with', string]> => {
    if (!Array.isArray(c)) {
      return Object.entries(c)
        .filter(([k]) => k.toLowerCase() === name)
        .map(([, v]) => ['eq', String(v)]);
    }
    const [operator, target, value] = c;
    if (typeof target !== 'string' || target.toLowerCase() !== `$${name}`) return [];
    return [[operator === 'starts-with' ? 'starts-with' : 'eq', String(value)]];
  });
}

function lengthRanges(policy: PostPolicy): Array<[number, number]> {
  return policy.conditions.flatMap((c) =>
    Array.isArray(c) && c[0] === 'content-length-range'
      ? [[Number(c[1]), Number(c[2])] as [number, number]]
      : [],
  );
}

/**
 * Fails unless the policy confines the upload: every key condition inside
 * `uploads/<owner>/`, exactly the expected Content-Type, 1..maxBytes bytes.
 */
function expectPinned(policy: PostPolicy, { owner, contentType, maxBytes }: Expected): void {
  const prefix = `uploads/${owner}/`;
  const keys = conditionsOn(policy, 'key');
  expect(keys.length, 'a condition on key').toBeGreaterThan(0);
  for (const [operator, value] of keys) {
    expect(value.startsWith(prefix), `key ${operator} ${value} stays under ${prefix}`).toBe(true);
  }

  // createPresignedPost adds each form field as { field: value } too: repeats are fine, looser ones are not.
  const types = conditionsOn(policy, 'Content-Type');
  expect(types.length, 'a condition on Content-Type').toBeGreaterThan(0);
  for (const condition of types)
    expect(condition, 'Content-Type is an exact match').toEqual(['eq', contentType]);

  expect(lengthRanges(policy), 'one content-length-range of 1..max bytes').toEqual([[1, maxBytes]]);
}

/** AWS Signature V4 of a POST policy: HMAC chain from the secret over date, region, service. */
function sign(policyBase64: string, credential: string, secret: string): string {
  const [, date = '', region = '', service = ''] = credential.split('/');
  const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data).digest();
  const signingKey = hmac(hmac(hmac(hmac(`AWS4${secret}`, date), region), service), 'aws4_request');
  return createHmac('sha256', signingKey).update(policyBase64).digest('hex');
}

async function presign(json: Record<string, unknown>, sub = ALICE, overrides = {}) {
  const result = await handleRequest(apiEvent('POST /uploads', { sub, json }), apiDeps(overrides));
  expect(result.statusCode).toBe(201);
  const body = bodyOf(result);
  const fields = body.upload.fields as Record<string, string>;
  return { key: body.key as string, fields, policy: decodePolicy(fields) };
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
});

afterEach(() => {
  vi.useRealTimers();
});

describe('presigned POST policy', () => {
  it.each(Object.keys(UPLOAD_CONTENT_TYPES))(
    'for %s pins the key under uploads/<owner>/, the exact type and 1..MAX_UPLOAD_BYTES',
    async (contentType) => {
      const { policy } = await presign({ filename: 'x', contentType, bytes: 10 });
      expectPinned(policy, { owner: ALICE, contentType, maxBytes: config.maxUploadBytes });
    },
  );

  it("pins each caller to their own prefix: Bob's policy admits no key of Alice's", async () => {
    const { policy } = await presign({ filename: 'b.jpg', contentType: 'image/jpeg', bytes: 1 }, BOB);
    expectPinned(policy, { owner: BOB, contentType: 'image/jpeg', maxBytes: config.maxUploadBytes });
    for (const [, value] of conditionsOn(policy, 'key'))
      expect(value.startsWith(`uploads/${ALICE}/`)).toBe(false);
  });

  it('pins the bare media type when the request declares parameters or odd case', async () => {
    const { policy } = await presign({ filename: 'p', contentType: 'Image/PNG; charset=binary', bytes: 1 });
    expectPinned(policy, { owner: ALICE, contentType: 'image/png', maxBytes: config.maxUploadBytes });
  });

  it('takes the size limit from MAX_UPLOAD_BYTES', async () => {
    const { policy } = await presign({ filename: 'a.jpg', contentType: 'image/jpeg', bytes: 5 }, ALICE, {
      maxUploadBytes: 1000,
    });
    expect(lengthRanges(policy)).toEqual([[1, 1000]]);
  });

  it('pins the bucket and expires within PRESIGN_TTL_SECONDS', async () => {
    const { policy } = await presign({ filename: 'a.jpg', contentType: 'image/jpeg', bytes: 5 });
    expect(conditionsOn(policy, 'bucket')).toEqual([['eq', config.uploadsBucket]]);
    const expires = Date.parse(policy.expiration);
    expect(expires).toBeGreaterThan(NOW.getTime());
    expect(expires).toBeLessThanOrEqual(NOW.getTime() + PRESIGN_TTL_SECONDS * 1000);
  });

  it('holds a matching condition for every form field it hands out (S3 refuses fields the policy does not name)', async () => {
    const { fields, policy } = await presign({ filename: 'a.jpg', contentType: 'image/jpeg', bytes: 5 });
    const unsigned = new Set(['policy', 'x-amz-signature']);
    const named = Object.entries(fields).filter(([name]) => !unsigned.has(name.toLowerCase()));
    expect(named.map(([name]) => name)).toEqual(expect.arrayContaining(['key', 'Content-Type', 'bucket']));
    for (const [name, value] of named) {
      const conditions = conditionsOn(policy, name);
      expect(conditions.length, `a condition on ${name}`).toBeGreaterThan(0);
      for (const [operator, pinned] of conditions) {
        expect(operator === 'eq' ? value === pinned : value.startsWith(pinned), `${name}=${value}`).toBe(
          true,
        );
        expect(operator === 'starts-with' && pinned === '', `${name} left open`).toBe(false);
      }
    }
  });

  it('is the policy the signature covers', async () => {
    const { fields } = await presign({ filename: 'a.jpg', contentType: 'image/jpeg', bytes: 5 });
    const credential = fields['X-Amz-Credential'] ?? '';
    expect(credential).toMatch(/^AKIDTEST\/\d{8}\/us-east-1\/s3\/aws4_request$/);
    expect(fields['X-Amz-Signature']).toBe(sign(fields.Policy ?? '', credential, 'secret'));
  });
});

describe('expectPinned (the check above can fail)', () => {
  const expected: Expected = { owner: ALICE, contentType: 'image/jpeg', maxBytes: 100 };
  const good: Condition[] = [
    ['eq', '$key', `uploads/${ALICE}/id.jpg`],
    ['eq', '$Content-Type', 'image/jpeg'],
    ['content-length-range', 1, 100],
  ];
  const loose = (replace: number, condition: Condition | null): PostPolicy => ({
    expiration: '2024-05-06T07:13:09Z',
    conditions: good.flatMap((c, i) => (i !== replace ? [c] : condition ? [condition] : [])),
  });

  it('passes the tight policy, and one that lets the owner pick a key under their prefix', () => {
    expect(() => expectPinned({ expiration: '', conditions: good }, expected)).not.toThrow();
    const ownPrefix = loose(0, ['starts-with', '$key', `uploads/${ALICE}/`]);
    expect(() => expectPinned(ownPrefix, expected)).not.toThrow();
  });

  it.each([
    ['no key condition', loose(0, null)],
    ['any key under uploads/', loose(0, ['starts-with', '$key', 'uploads/'])],
    ["another owner's prefix", loose(0, ['starts-with', '$key', `uploads/${BOB}/`])],
    ['no Content-Type condition', loose(1, null)],
    ['any image type', loose(1, ['starts-with', '$Content-Type', 'image/'])],
    ['another type', loose(1, { 'Content-Type': 'text/html' })],
    ['no size range', loose(2, null)],
    ['a larger range', loose(2, ['content-length-range', 1, 101])],
    ['empty files allowed', loose(2, ['content-length-range', 0, 100])],
  ])('fails a policy with %s', (_case, policy) => {
    expect(() => expectPinned(policy, expected)).toThrow();
  });
});
