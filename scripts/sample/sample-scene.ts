/**
 * The sample photo's scene: a lake at sunset, drawn as SVG so that the
 * repository ships no third-party image. Everything here is ours, so the
 * generated photo is CC0 (see README.md in this folder).
 */

export const SAMPLE_WIDTH = 1600;
export const SAMPLE_HEIGHT = 1067;

/** Ridge line of a mountain range: `peaks` points, deterministic (no Math.random). */
function ridge(baseY: number, amplitude: number, peaks: number, phase: number): string {
  const points: string[] = [`0,${SAMPLE_HEIGHT}`];
  for (let i = 0; i <= peaks; i++) {
    const x = (i / peaks) * SAMPLE_WIDTH;
    const y =
      baseY - amplitude * Math.abs(Math.sin(i * 1.7 + phase)) * (0.6 + 0.4 * Math.cos(i * 0.9 + phase));
    points.push(`${x.toFixed(1)},${y.toFixed(1)}`);
  }
  points.push(`${SAMPLE_WIDTH},${SAMPLE_HEIGHT}`);
  return points.join(' ');
}

/** The scene as an SVG document, sized SAMPLE_WIDTH × SAMPLE_HEIGHT. */
export function sampleSceneSvg(): string {
  const horizon = Math.round(SAMPLE_HEIGHT * 0.62);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${SAMPLE_WIDTH}" height="${SAMPLE_HEIGHT}">
  <defs>
    <linearGradient id="sky" x1="0" y1="0" x2="0" y2="1">
      <stop offset="0" stop-color="#1d2b53"/>
      <stop offset="0.45" stop-color="#7e4a8c"/>
      <stop offset="0.8" stop-color="#f08a4b"/>
      <stop offset="1" stop-color="#ffd27f"/>
    </linearGradient>
    <linearGradient id="lake" x1="0" y1="0" x2="0" y2="1">
      <stop offset="0" stop-color="#f3a35f"/>
      <stop offset="0.3" stop-color="#6a4172"/>
      <stop offset="1" stop-color="#141c38"/>
    </linearGradient>
    <radialGradient id="sun" cx="0.5" cy="0.5" r="0.5">
      <stop offset="0" stop-color="#fff6d5"/>
      <stop offset="0.55" stop-color="#ffd27f"/>
      <stop offset="1" stop-color="#ffd27f" stop-opacity="0"/>
    </radialGradient>
  </defs>
  <rect width="100%" height="${horizon}" fill="url(#sky)"/>
  <circle cx="${SAMPLE_WIDTH * 0.62}" cy="${horizon - 290}" r="150" fill="url(#sun)"/>
  <polygon points="${ridge(horizon - 120, 220, 9, 0.3)}" fill="#3b2d55" opacity="0.85"/>
  <polygon points="${ridge(horizon - 30, 150, 13, 1.9)}" fill="#241f3d"/>
  <rect y="${horizon}" width="100%" height="${SAMPLE_HEIGHT - horizon}" fill="url(#lake)"/>
  <ellipse cx="${SAMPLE_WIDTH * 0.62}" cy="${horizon + 90}" rx="70" ry="150" fill="#ffe3a3" opacity="0.22"/>
  <polygon points="0,${SAMPLE_HEIGHT} 0,${SAMPLE_HEIGHT - 140} 380,${SAMPLE_HEIGHT - 90} 640,${SAMPLE_HEIGHT}" fill="#0b0f1f"/>
</svg>`;
}
