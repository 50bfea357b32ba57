/**
 * Sends one file to S3 with the presigned POST the API handed out. Uses
 * XMLHttpRequest because fetch reports no upload progress.
 */

export class UploadError extends Error {
  override name = 'UploadError';
  constructor(
    readonly status: number,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The form S3 expects: the policy fields first, the file last (exported for tests). */
export function presignedFormEntries(
  fields: Record<string, string>,
  contentType: string,
): Array<[string, string]> {
  const entries = Object.entries(fields);
  const hasType = entries.some(([name]) => name.toLowerCase() === 'content-type');
  return hasType ? entries : [...entries, ['Content-Type', contentType]];
}

const S3_MESSAGES: Record<string, string> = {
  EntityTooLarge: 'The file is larger than the upload limit.',
  EntityTooSmall: 'The file is empty.',
  AccessDenied: 'The upload link was refused (it may have expired). Try again.',
  ExpiredToken: 'The upload link expired. Try again.',
};

/** A message fit to show from S3's XML error body (exported for tests). */
export function s3ErrorMessage(status: number, body: string): string {
  const code = /<Code>([^<]+)<\/Code>/.exec(body)?.[1];
  if (code && S3_MESSAGES[code]) return S3_MESSAGES[code];
  const message = /<Message>([^<]+)<\/Message>/.exec(body)?.[1];
  if (message) return `Upload refused: ${message}`;
  return status === 0 ? 'The upload could not reach storage.' : `Upload failed (HTTP ${status}).`;
}

export interface PostOptions {
  url: string;
  fields: Record<string, string>;
  file: Blob;
  contentType: string;
  /** Fraction sent, 0..1. */
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
}

/**
 * POSTs `file` to the presigned URL.
 * @throws UploadError with a message fit to show.
 */
export function postToPresignedUrl(options: PostOptions): Promise<void> {
  return new Promise((resolve, reject) => {
    const form = new FormData();
    for (const [name, value] of presignedFormEntries(options.fields, options.contentType)) {
      form.append(name, value);
    }
    form.append('file', options.file);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', options.url);
    xhr.upload.addEventListener('progress', (event) => {
      if (event.lengthComputable && event.total > 0) options.onProgress?.(event.loaded / event.total);
    });
    xhr.addEventListener('load', () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        options.onProgress?.(1);
        resolve();
      } else {
        reject(new UploadError(xhr.status, s3ErrorMessage(xhr.status, xhr.responseText ?? '')));
      }
    });
    xhr.addEventListener('error', () => reject(new UploadError(0, s3ErrorMessage(0, ''))));
    xhr.addEventListener('abort', () => reject(new UploadError(0, 'Upload cancelled.')));
    options.signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(form);
  });
}
