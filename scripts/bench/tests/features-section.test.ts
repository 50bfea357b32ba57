import { describe, expect, it } from 'vitest';
import {
  avifSaving,
  FEATURES_HEADING,
  featuresSection,
  msText,
  percentText,
  rangeText,
  shareOf,
} from '../features-section.ts';
import { renderReport } from '../report.ts';
import { ELEPHANTS, featuresRun, photoFeatures } from './features-fixture.ts';
import { benchRun } from './run-fixture.ts';

describe('shareOf', () => {
  it('gives whole percent, and one decimal below 1%', () => {
    expect(shareOf(33, 660)).toBe('5%');
    expect(shareOf(0.75, 660)).toBe('0.1%');
  });
});

describe('msText', () => {
  it('keeps two decimals under 10 ms and none above', () => {
    expect(msText(0.046)).toBe('0.05');
    expect(msText(1234.4)).toBe('1,234');
  });
});

describe('rangeText', () => {
  it('spans the lowest to the highest value, or one value when both read the same', () => {
    expect(rangeText([3.456, 0.5, 2])).toBe('0.50–3.46');
    expect(rangeText([5.01, 4.99], percentText)).toBe('5%');
    expect(rangeText([])).toBe('–');
  });
});

describe('avifSaving', () => {
  it('signs the change of AVIF bytes against WebP', () => {
    expect(avifSaving({ avifBytes: 580, webpBytes: 1000 })).toBe('−42.0% vs WebP');
    expect(avifSaving({ avifBytes: 1100, webpBytes: 1000 })).toBe('+10.0% vs WebP');
  });
});

describe('featuresSection', () => {
  it('lists every feature with its ms, bytes and share of the classic set', () => {
    const text = featuresSection(featuresRun()).join('\n');

    // the square in the set: 693 - 660 = 33 ms, 5% of the classic set
    expect(text).toContain('| smart square, in the set |');
    expect(text).toMatch(
      /\| smart square, in the set \|[^\n]*\| 33 \| 33 \| 59 KiB \(the square's JPEG \+ WebP\) \| 5% \| 5% \|/,
    );
    // 40 of the classic set's 800 CPU ms
    expect(text).toMatch(/\| smart square, in the set, CPU \|[^\n]*\| 40 \| 40 \| – \| 5% \| 5% \|/);
    // attention 12 - centre 2 = 10 ms
    expect(text).toMatch(/\| smart square, the crop alone \|[^\n]*\| 10 \|/);
    expect(text).toMatch(/\| AVIF encode \|[^\n]*\| 3,300 \|[^\n]*\(−50.0% vs WebP\) \| 500% \|/);
    expect(text).toMatch(/\| AVIF keep rule \|[^\n]*\| dropped \(SSIM\) \|/);
    expect(text).toMatch(/\| perceptual hash \|[^\n]*\| 0.05 \| 0.05 \| 16 B \| 0.0% \|/);
    expect(text).toMatch(/\| HEIC decode \|[^\n]*quadrant-64x48.heic[^\n]*\| 0.80 \|[^\n]*556 B/);
    expect(text).toContain('instantiating libheif took 130 ms');
    expect(text).toContain(
      'heif-enc (libheif-examples) is not installed, so the row is the 64×48 test fixture',
    );
  });

  it('says when the HEIC row is a phone-size HEIC made from a photo', () => {
    const run = featuresRun();
    const heic = run.features.ok ? run.features.value.heic : undefined;
    if (heic?.ok)
      Object.assign(heic.value, { kind: 'phone', file: 'bench/tmp/heic/x.heic', width: 4032, height: 3024 });
    const text = featuresSection(run).join('\n');

    expect(text).toMatch(
      /\| HEIC decode \|[^\n]*x.heic` \(4032×3024\)[^\n]*made here from the largest photo/,
    );
    expect(text).toContain('decodes a 12.2 MP one made here');
  });

  it("compares each photo's classic set with the committed baseline", () => {
    const text = featuresSection(featuresRun()).join('\n');

    // 660 ms against 640 ms on 2026-11-22
    expect(text).toContain(`| ${ELEPHANTS} | 660 | +3.1% | 33 (40) |`);
  });

  it('says why when the section did not run, and the report always has its heading', () => {
    const run = benchRun(undefined);

    expect(featuresSection(run)).toContain('Skipped: -.');
    expect(renderReport(run)).toContain(`\n${FEATURES_HEADING}\n`);
  });

  it('names a photo that failed and still reports the others', () => {
    const run = featuresRun(photoFeatures());
    if (run.features.ok) {
      const first = run.features.value.photos[0];
      if (first)
        run.features.value.photos.push({
          image: { ...first.image, name: 'broken.jpg' },
          features: { ok: false, note: 'avif failed: boom' },
        });
    }

    expect(featuresSection(run).join('\n')).toContain('Not measured: broken.jpg: avif failed: boom.');
  });
});
