import { describe, expect, it } from 'vitest';
import { gatewayResponse, mapLambdaResult, responseForOutcome } from '../../gateway/http-result.ts';

const text = (body: Buffer) => body.toString('utf8');

describe('mapLambdaResult', () => {
  it('maps status, headers, cookies and body of a structured result', () => {
    const { response, warnings } = mapLambdaResult({
      statusCode: 201,
      headers: { 'Content-Type': 'application/json', 'X-Count': 3 },
      cookies: ['a=1; Path=/', 'b=2'],
      body: '{"ok":true}',
    });

    expect(response.statusCode).toBe(201);
    expect(response.headers).toEqual({
      'content-type': 'application/json',
      'x-count': '3',
      'set-cookie': ['a=1; Path=/', 'b=2'],
    });
    expect(text(response.body)).toBe('{"ok":true}');
    expect(warnings).toEqual([]);
  });

  it('decodes a base64 body', () => {
    const bytes = Buffer.from([0, 1, 2, 255]);

    const { response } = mapLambdaResult({
      statusCode: 200,
      body: bytes.toString('base64'),
      isBase64Encoded: true,
    });

    expect(response.body.equals(bytes)).toBe(true);
  });

  it('sends a redirect with no body', () => {
    const { response } = mapLambdaResult({ statusCode: 302, headers: { Location: 'http://x/y' } });

    expect(response).toEqual({ statusCode: 302, headers: { location: 'http://x/y' }, body: Buffer.alloc(0) });
  });

  it.each([
    ['an object', { items: [] }, '{"items":[]}'],
    ['a string', 'hello', 'hello'],
    ['nothing', null, 'null'],
  ])('turns %s without statusCode into a 200 JSON response', (_case, result, body) => {
    const { response } = mapLambdaResult(result);

    expect(response.statusCode).toBe(200);
    expect(response.headers).toEqual({ 'content-type': 'application/json' });
    expect(text(response.body)).toBe(body);
  });

  it.each([
    ['a status that is not one', { statusCode: 'ok' }],
    ['a status out of range', { statusCode: 42 }],
    ['a body that is not a string', { statusCode: 200, body: { a: 1 } }],
  ])('answers 500 for %s, saying why', (_case, result) => {
    const { response, warnings } = mapLambdaResult(result);

    expect(response.statusCode).toBe(500);
    expect(JSON.parse(text(response.body))).toEqual({ message: 'Internal Server Error' });
    expect(warnings).toHaveLength(1);
  });

  it('ignores multiValueHeaders (format 1.0 only) with a warning', () => {
    const { response, warnings } = mapLambdaResult({ statusCode: 200, multiValueHeaders: { a: ['1', '2'] } });

    expect(response.headers).toEqual({});
    expect(warnings[0]).toMatch(/multiValueHeaders/);
  });
});

describe('responseForOutcome', () => {
  it("answers API Gateway's 500 when the invocation failed", () => {
    const { response, warnings } = responseForOutcome({
      ok: false,
      kind: 'timeout',
      message: 'Task timed out',
    });

    expect(response).toEqual(gatewayResponse(500, 'Internal Server Error'));
    expect(warnings[0]).toContain('timeout');
  });
});
