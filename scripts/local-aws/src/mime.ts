/**
 * Just enough of RFC 5322 / MIME to read back the mail the pipeline sends:
 * unfolded headers, RFC 2047 encoded words, multipart bodies, base64 and
 * quoted-printable parts in UTF-8. Not a general mail parser.
 */

/** A parsed message: headers by lower-case name, the text/plain and text/html bodies found. */
export interface ParsedMime {
  headers: Map<string, string>;
  text: string | null;
  html: string | null;
}

/** Parses a raw RFC 5322 message (CRLF or LF line ends). */
export function parseMime(raw: string): ParsedMime {
  const { headers, body } = splitEntity(raw.replace(/\r\n/g, '\n'));
  const found = { text: null as string | null, html: null as string | null };
  collectBodies(headers, body, found);
  return { headers, ...found };
}

/** Decodes RFC 2047 encoded words (`=?UTF-8?B?...?=`, `=?UTF-8?Q?...?=`) in a header value. */
export function decodeEncodedWords(value: string): string {
  // Whitespace between two encoded words is folding, not text (RFC 2047 section 6.2).
  const joined = value.replace(/(\?=)\s+(=\?)/g, '$1$2');
  return joined.replace(/=\?([^?]+)\?([bBqQ])\?([^?]*)\?=/g, (_match, charset: string, encoding, text) => {
    const bytes =
      encoding.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64')
        : Buffer.from(decodeQuotedPrintable(text.replace(/_/g, ' ')), 'binary');
    return decodeBytes(bytes, charset);
  });
}

/** Addresses of an address-list header: `a@x, "B" <b@y>` -> [`a@x`, `b@y`]. */
export function addressList(value: string | undefined): string[] {
  if (!value) return [];
  return value
    .split(',')
    .map((part) => (/<([^>]+)>/.exec(part)?.[1] ?? part).trim())
    .filter((address) => address !== '');
}

function splitEntity(entity: string): { headers: Map<string, string>; body: string } {
  const end = entity.indexOf('\n\n');
  const head = end === -1 ? entity : entity.slice(0, end);
  const body = end === -1 ? '' : entity.slice(end + 2);
  const headers = new Map<string, string>();
  for (const line of head.replace(/\n[ \t]+/g, ' ').split('\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return { headers, body };
}

function collectBodies(
  headers: Map<string, string>,
  body: string,
  found: { text: string | null; html: string | null },
): void {
  const contentType = headers.get('content-type') ?? 'text/plain';
  const type = contentType.split(';')[0]?.trim().toLowerCase() ?? 'text/plain';
  if (type.startsWith('multipart/')) {
    const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1];
    if (!boundary) return;
    // The line break before a delimiter belongs to the delimiter (RFC 2046), not to the part.
    for (const part of `\n${body}`.split(`\n--${boundary}`).slice(1)) {
      if (part.startsWith('--')) break;
      const entity = splitEntity(part.replace(/^[ \t]*\n/, ''));
      collectBodies(entity.headers, entity.body, found);
    }
    return;
  }
  const charset = /charset="?([^";]+)"?/i.exec(contentType)?.[1] ?? 'utf-8';
  const text = decodeBody(body, headers.get('content-transfer-encoding') ?? '7bit', charset);
  if (type === 'text/plain' && found.text === null) found.text = text;
  if (type === 'text/html' && found.html === null) found.html = text;
}

function decodeBody(body: string, transferEncoding: string, charset: string): string {
  const encoding = transferEncoding.toLowerCase();
  if (encoding === 'base64') return decodeBytes(Buffer.from(body.replace(/\s+/g, ''), 'base64'), charset);
  if (encoding === 'quoted-printable') {
    return decodeBytes(Buffer.from(decodeQuotedPrintable(body.replace(/=\n/g, '')), 'binary'), charset);
  }
  return body;
}

/** `=C3=A9` -> the byte string (latin1) of those bytes. */
function decodeQuotedPrintable(text: string): string {
  return text.replace(/=([0-9A-Fa-f]{2})/g, (_match, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

function decodeBytes(bytes: Buffer, charset: string): string {
  try {
    return new TextDecoder(charset.toLowerCase()).decode(bytes);
  } catch {
    return bytes.toString('utf8');
  }
}
