/**
 * Section 4: peak RSS of a fresh node process that makes the renditions of
 * one image (and, for reference, one that only decodes it). Median of runs.
 */
import { spawnSync } from 'node:child_process';
import type { BenchImage } from './inputs.ts';
import { median } from './stats.ts';

export interface ImageMemory {
  image: BenchImage;
  /** RSS after loading sharp and reading the file, before any decoding. */
  baselineMb: number;
  /** Peak RSS making the 8 renditions. */
  peakMb: number;
  /** Peak RSS of a full-size decode only. */
  floorPeakMb: number;
}

/**
 * Runs rss-worker.mjs `runs` times per image and method.
 * @throws Error with the worker's stderr when it fails.
 */
export function benchMemory(images: BenchImage[], workerFile: string, runs: number): ImageMemory[] {
  return images.map((image) => {
    const measure = (method: 'core' | 'floor') => {
      const samples = Array.from({ length: runs }, () => {
        const child = spawnSync(process.execPath, [workerFile, image.file, method], { encoding: 'utf8' });
        if (child.status !== 0) throw new Error(`rss-worker ${image.name} ${method}: ${child.stderr.trim()}`);
        return JSON.parse(child.stdout) as { baselineMb: number; peakMb: number };
      });
      return {
        baselineMb: median(samples.map((s) => s.baselineMb)),
        peakMb: median(samples.map((s) => s.peakMb)),
      };
    };
    const core = measure('core');
    return { image, baselineMb: core.baselineMb, peakMb: core.peakMb, floorPeakMb: measure('floor').peakMb };
  });
}
