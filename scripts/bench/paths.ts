/** Where the benchmark reads and writes. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** scripts/bench */
export const HERE = path.dirname(fileURLToPath(import.meta.url));

/** The repository root. */
export const REPO_ROOT = path.resolve(HERE, '../..');

/** Git-ignored scratch space: bundled workers, generated inputs, vipsthumbnail output, smoke reports. */
export const BENCH_TMP = path.join(REPO_ROOT, 'bench', 'tmp');

/** Committed reports. */
export const RESULTS_DIR = path.join(REPO_ROOT, 'bench', 'results');

/** Default photo folder (shared with the other repositories of the project). */
export const SHARED_PHOTOS = path.resolve(REPO_ROOT, '../shared/photos');
