/**
 * The report's SVG chart: one panel per image, a bar per column of the
 * renditions table (ms per image), each panel on its own scale.
 */
import { METHOD_LABELS, METHODS, type RenditionsResult } from './renditions.ts';

const WIDTH = 820;
const LABEL = 250;
const BAR = 16;
const GAP = 4;
const COLORS: Record<string, string> = {
  core: '#2b8a3e',
  naive: '#e8590c',
  pillow: '#1971c2',
  vips: '#9c36b5',
  floor: '#868e96',
};

/** An SVG document (no scripts, no external references). */
export function renditionsChart(result: RenditionsResult, title: string): string {
  const parts: string[] = [];
  let y = 34;
  for (const { image, columns } of result.images) {
    const bars = METHODS.flatMap((method) => {
      const column = columns[method];
      return column.ok ? [{ method, ms: column.ms }] : [];
    });
    const max = Math.max(1, ...bars.map((b) => b.ms));
    parts.push(
      `<text x="8" y="${y + 12}" font-weight="bold">${escapeXml(image.name)} (${image.width}×${image.height}, ${(image.bytes / 2 ** 20).toFixed(1)} MiB)</text>`,
    );
    y += 20;
    for (const bar of bars) {
      const length = Math.max(1, ((WIDTH - LABEL - 90) * bar.ms) / max);
      parts.push(
        `<text x="${LABEL - 6}" y="${y + 12}" text-anchor="end">${escapeXml(METHOD_LABELS[bar.method])}</text>`,
        `<rect x="${LABEL}" y="${y}" width="${length.toFixed(1)}" height="${BAR}" fill="${COLORS[bar.method]}"/>`,
        `<text x="${(LABEL + length + 6).toFixed(1)}" y="${y + 12}">${Math.round(bar.ms)} ms</text>`,
      );
      y += BAR + GAP;
    }
    y += 12;
  }
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${y}" viewBox="0 0 ${WIDTH} ${y}" font-family="sans-serif" font-size="12">`,
    `<rect width="${WIDTH}" height="${y}" fill="#ffffff"/>`,
    `<text x="8" y="20" font-size="14" font-weight="bold">${escapeXml(title)}</text>`,
    ...parts,
    '</svg>',
    '',
  ].join('\n');
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
