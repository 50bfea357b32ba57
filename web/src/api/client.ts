import { ApiError, apiErrorFrom, NetworkError } from './errors.ts';
import type { ImagePage, ImagePatch, ImageView, ListQuery, UploadTicket } from './types.ts';

export interface ApiClientOptions {
  /** Base URL, no trailing slash. */
  baseUrl: string;
  /** The current id token (undefined when signed out). */
  token: () => string | undefined;
  /** Called on any 401, before the error is thrown. */
  onUnauthorized?: () => void;
}

/** Where the browser can get an original: a URL to navigate to, or the bytes themselves. */
export type OriginalDownload = { url: string } | { blob: Blob };

/** Builds `?a=b&…` from the defined values only (exported for tests). */
export function queryString(query: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/**
 * The HTTP API (docs/api.md) with the caller's id token. Every failure is an
 * ApiError (the API's code and message) or a NetworkError.
 */
export class ApiClient {
  constructor(private readonly options: ApiClientOptions) {}

  private async send(method: string, path: string, body?: unknown, accept = 'application/json') {
    const headers: Record<string, string> = { Accept: accept };
    const token = this.options.token();
    if (token) headers.Authorization = `Bearer ${token}`;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    let response: Response;
    try {
      response = await fetch(`${this.options.baseUrl}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (error) {
      throw new NetworkError('Cannot reach the server. Check your connection and try again.', {
        cause: error,
      });
    }
    if (response.status === 401) this.options.onUnauthorized?.();
    if (!response.ok) {
      throw apiErrorFrom(response.status, await response.json().catch(() => undefined));
    }
    return response;
  }

  private async json<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await this.send(method, path, body);
    return (await response.json()) as T;
  }

  /** POST /uploads: a presigned POST for one file. 413/415 come back as ApiError. */
  createUpload(file: { filename: string; contentType: string; bytes: number }): Promise<UploadTicket> {
    return this.json('POST', '/uploads', file);
  }

  /** GET /images: newest first, one page. */
  listImages(query: ListQuery = {}): Promise<ImagePage> {
    return this.json('GET', `/images${queryString({ ...query })}`);
  }

  getImage(imageId: string): Promise<ImageView> {
    return this.json('GET', `/images/${encodeURIComponent(imageId)}`);
  }

  updateImage(imageId: string, patch: ImagePatch): Promise<ImageView> {
    return this.json('PATCH', `/images/${encodeURIComponent(imageId)}`, patch);
  }

  deleteImage(imageId: string): Promise<{ imageId: string; status: string }> {
    return this.json('DELETE', `/images/${encodeURIComponent(imageId)}`);
  }

  reviewImage(imageId: string, decision: 'APPROVED' | 'REJECTED', reason?: string): Promise<ImageView> {
    return this.json('POST', `/images/${encodeURIComponent(imageId)}/review`, {
      decision,
      ...(reason ? { reason } : {}),
    });
  }

  /**
   * GET /images/{id}/original. The API answers programs with a 302 to a
   * presigned S3 URL; a browser cannot read a cross-origin Location, so we
   * ask for JSON (`{ url }`) and navigate to the URL ourselves. Against an
   * API that still redirects, fetch follows to S3 and we get the bytes (this
   * needs S3 CORS for the redirected request).
   */
  async originalDownload(imageId: string): Promise<OriginalDownload> {
    const response = await this.send(
      'GET',
      `/images/${encodeURIComponent(imageId)}/original`,
      undefined,
      'application/json',
    );
    const type = response.headers.get('content-type') ?? '';
    if (!response.redirected && type.includes('application/json')) {
      const body = (await response.json()) as { url?: unknown };
      if (typeof body.url !== 'string') {
        throw new ApiError(500, 'Internal::Error', 'The server did not say where the original is.');
      }
      return { url: body.url };
    }
    return { blob: await response.blob() };
  }
}
