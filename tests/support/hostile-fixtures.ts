import { crc32, deflateSync } from 'node:zlib';

/**
 * Generators for the rejected half of the hostile input matrix
 * (tests/e2e/hostile): files that lie about what they are and headers that lie
 * about their size. The awkward but valid images are in awkward-images.ts.
 * Everything is made in memory; nothing is checked in.
 */

/** `n` as 4 big-endian bytes, as PNG and ICC headers store lengths and offsets. */
export const u32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
};

/** Plain text, as a mislabelled `notes.jpg` would hold. */
export function plainText(): Buffer {
  return Buffer.from('Shopping list\n- milk\n- eggs\nThis is not a photo, whatever its name says.\n');
}

/** An HTML page (with a script and an inline SVG, so nothing about it is image-like but its name). */
export function htmlPage(): Buffer {
  return Buffer.from(
    '<!DOCTYPE html>\n<html><head><title>x</title><script>alert(1)</script></head>' +
      '<body><svg width="10" height="10"><rect width="10" height="10"/></svg></body></html>\n',
  );
}

/** A minimal but well-formed one-page PDF. */
export function minimalPdf(): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>',
  ];
  let body = '%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n';
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(Buffer.byteLength(body, 'latin1'));
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body, 'latin1');
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) body += `${String(offset).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

/** The first `fraction` of `image`: what an interrupted upload leaves. */
export function truncated(image: Buffer, fraction = 0.6): Buffer {
  return Buffer.from(image.subarray(0, Math.floor(image.length * fraction)));
}

/**
 * An SVG that would fetch from `baseUrl` if anything rendered it: an external
 * entity in the DOCTYPE (XXE), `<image href>`, `xlink:href`, `<use>`, a CSS
 * `@import` and a `url()` fill. A test serving `baseUrl` can then prove that
 * no part of the pipeline tried.
 */
export function svgWithExternalReferences(baseUrl: string): Buffer {
  return Buffer.from(
    `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE svg [<!ENTITY remote SYSTEM "${baseUrl}/entity.xml">]>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="640" height="480">
  <style>@import url("${baseUrl}/style.css");</style>
  <rect width="640" height="480" fill="url(${baseUrl}/fill.svg#p)"/>
  <image href="${baseUrl}/image.png" width="320" height="240"/>
  <image xlink:href="${baseUrl}/xlink.png" x="320" width="320" height="240"/>
  <use href="${baseUrl}/sprite.svg#icon"/>
  <text y="400">&remote;</text>
</svg>
`,
  );
}

function pngChunk(type: string, data: Buffer): Buffer {
  const typeAndData = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  return Buffer.concat([u32(data.length), typeAndData, u32(crc32(typeAndData) >>> 0)]);
}

/**
 * A decompression bomb: a PNG whose hand-written IHDR declares `width` x
 * `height` 8-bit RGB (30000 x 30000 = 900 MP, 2.7 GB decoded) while its IDAT
 * holds a few deflated rows of zeros, so the file stays a few hundred bytes.
 */
export function pngBomb(width = 30_000, height = 30_000): Buffer {
  const ihdr = Buffer.concat([u32(width), u32(height), Buffer.from([8, 2, 0, 0, 0])]);
  // Four scanlines: filter byte 0 then width * 3 zero bytes each; deflate squeezes them to ~300 bytes.
  const rows = Buffer.alloc(4 * (1 + width * 3));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', deflateSync(rows, { level: 9 })),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/**
 * A PNG whose header is sound (IHDR 320 x 240) but whose IDAT holds bytes
 * that do not inflate: only a decode can tell, so resize rejects it.
 */
export function corruptPixels(width = 320, height = 240): Buffer {
  const ihdr = Buffer.concat([u32(width), u32(height), Buffer.from([8, 2, 0, 0, 0])]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', Buffer.alloc(2048, 0x5a)),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** `image` followed by zero bytes up to `bytes` in total: still a valid image, just too big. */
export function paddedTo(image: Buffer, bytes: number): Buffer {
  if (bytes < image.length) throw new Error(`bytes: ${bytes} is smaller than the image (${image.length})`);
  const out = Buffer.alloc(bytes);
  image.copy(out);
  return out;
}
