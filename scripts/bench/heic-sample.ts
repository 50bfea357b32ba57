/**
 * The HEIC the features section decodes: a phone-size one (4032 x 3024,
 * 12.2 MP, an iPhone's main camera) made from the largest bench photo with
 * libheif's `heif-enc` (Debian package libheif-examples, LGPL: a bench-only
 * tool, never in a function zip) when it is installed, cached in
 * bench/tmp/heic/ because encoding HEVC takes tens of seconds; else the
 * committed 64 x 48 test fixture, which says what HEIC support costs at least.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import type { BenchImage } from './inputs.ts';
import { BENCH_TMP, REPO_ROOT } from './paths.ts';

/** The committed HEIC test fixture (packages/imaging/tests/fixtures/heic/). */
export const HEIC_FIXTURE = path.join(REPO_ROOT, 'packages/imaging/tests/fixtures/heic/quadrant-64x48.heic');

/** An iPhone's 12 MP main-camera frame. */
const PHONE = { width: 4032, height: 3024 };
/** heif-enc's default quality is 50; phones store about that. */
const HEIF_QUALITY = 50;

export interface HeicSample {
  file: string;
  /** `phone`: made here from a bench photo; `fixture`: the committed 64 x 48 file. */
  kind: 'phone' | 'fixture';
  /** Why the fixture is used, when it is. */
  note?: string;
}

function hasHeifEnc(): boolean {
  return spawnSync('heif-enc', ['--version'], { encoding: 'utf8' }).error === undefined;
}

/** The sample to measure (see the file's comment); makes the phone-size one on first use. */
export async function heicSample(
  largest: BenchImage | undefined,
  log: (line: string) => void,
): Promise<HeicSample> {
  if (!largest) return { file: HEIC_FIXTURE, kind: 'fixture', note: 'no bench photo' };
  if (!hasHeifEnc())
    return { file: HEIC_FIXTURE, kind: 'fixture', note: 'heif-enc (libheif-examples) is not installed' };
  const dir = path.join(BENCH_TMP, 'heic');
  const stem = path.parse(largest.name).name;
  const heic = path.join(dir, `${stem}-${PHONE.width}x${PHONE.height}-q${HEIF_QUALITY}.heic`);
  if (existsSync(heic) && statSync(heic).size > 0) return { file: heic, kind: 'phone' };
  mkdirSync(dir, { recursive: true });
  const jpeg = path.join(dir, `${stem}-${PHONE.width}x${PHONE.height}.jpg`);
  await sharp(largest.file)
    .rotate()
    .resize(PHONE.width, PHONE.height, { fit: 'cover' })
    .jpeg({ quality: 95 })
    .toFile(jpeg);
  log(
    `  encoding a ${PHONE.width}×${PHONE.height} HEIC from ${largest.name} with heif-enc (once; cached in bench/tmp/heic/)`,
  );
  const encoded = spawnSync('heif-enc', ['-q', String(HEIF_QUALITY), '-o', heic, jpeg], { encoding: 'utf8' });
  if (encoded.status !== 0 || !existsSync(heic)) {
    return {
      file: HEIC_FIXTURE,
      kind: 'fixture',
      note: `heif-enc failed: ${encoded.stderr.trim().split('\n')[0]}`,
    };
  }
  return { file: heic, kind: 'phone' };
}
