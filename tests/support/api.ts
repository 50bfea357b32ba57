/**
 * Calling the HTTP API (served by the local gateway) as a test: JSON in and
 * out, a bearer token per call, redirects left unfollowed so a 302 is seen.
 */

/** What a test reads of an API response. */
export interface ApiResponse {
  status: number;
  headers: Headers;
  /** Parsed JSON, or undefined when the body is empty or not JSON. */
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary response fields
  body: any;
  text: string;
}

export interface CallOptions {
  /** Sent as `Authorization: Bearer <token>`. */
  token?: string;
  /** JSON body (sets Content-Type: application/json). */
  json?: unknown;
  /** Raw body, with the Content-Type given in `headers`. */
  body?: string | Uint8Array;
  headers?: Record<string, string>;
}

/** A client of the API at `baseUrl`. */
export function apiClient(baseUrl: string) {
  return async function call(method: string, path: string, options: CallOptions = {}): Promise<ApiResponse> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let body: string | Uint8Array | undefined = options.body;
    if (options.json !== undefined) {
      headers['content-type'] ??= 'application/json';
      body = JSON.stringify(options.json);
    }
    const response = await fetch(`${baseUrl}${path}`, { method, headers, body, redirect: 'manual' });
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    return { status: response.status, headers: response.headers, body: parsed, text };
  };
}

export type ApiCall = ReturnType<typeof apiClient>;

/** The policy document of a presigned POST (its base64 `Policy` field). */
export function decodePostPolicy(fields: Record<string, string>): {
  expiration: string;
  conditions: unknown[];
} {
  const policy = fields.Policy ?? fields.policy;
  if (!policy) throw new Error(`presigned POST: no Policy field among ${Object.keys(fields).join(', ')}`);
  return JSON.parse(Buffer.from(policy, 'base64').toString('utf8'));
}

/**
 * Uploads `bytes` with a presigned POST exactly as a browser form does:
 * multipart/form-data with every returned field, then the file last.
 */
export async function postToPresignedUrl(
  upload: { url: string; fields: Record<string, string> },
  bytes: Uint8Array,
  filename: string,
  contentType: string,
): Promise<Response> {
  const form = new FormData();
  for (const [name, value] of Object.entries(upload.fields)) form.append(name, value);
  form.append('file', new Blob([bytes], { type: contentType }), filename);
  return fetch(upload.url, { method: 'POST', body: form });
}

/** The bytes at `url` (a presigned GET or a rendition URL), failing on a non-2xx answer. */
export async function download(url: string): Promise<{ bytes: Buffer; contentType: string | null }> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`GET ${url}: HTTP ${response.status} ${await response.text()}`);
  return {
    bytes: Buffer.from(await response.arrayBuffer()),
    contentType: response.headers.get('content-type'),
  };
}
