import { NEAR_DUPLICATE_MAX_DISTANCE, nearDuplicateDistance, type PerceptualHashes } from '@pipeline/domain';
import { describe, expect, it } from 'vitest';
import { perceptualHashes } from '../src/phash';
import { EDITS, SCENE_NAMES, scenePhoto, smallestRendition } from './fixtures/scenes';

// The test set that chose NEAR_DUPLICATE_MAX_DISTANCE: every edit of a scene must match it,
// and no two scenes may match each other.
const hashesOf = async (photo: Buffer): Promise<PerceptualHashes> =>
  perceptualHashes(await smallestRendition(photo));

describe('near-duplicate threshold', () => {
  it.each(SCENE_NAMES)('matches %s re-encoded, resized and lightly cropped', async (scene) => {
    const photo = await scenePhoto(scene);
    const original = await hashesOf(photo);

    const distances: Record<string, number> = {};
    for (const [edit, apply] of Object.entries(EDITS)) {
      distances[edit] = nearDuplicateDistance(original, await hashesOf(await apply(photo)));
    }

    for (const distance of Object.values(distances)) {
      expect(distance).toBeLessThanOrEqual(NEAR_DUPLICATE_MAX_DISTANCE);
    }
  });

  it('tells every pair of different scenes apart', async () => {
    const hashes = await Promise.all(SCENE_NAMES.map(async (scene) => hashesOf(await scenePhoto(scene))));

    const matches: string[] = [];
    hashes.forEach((a, i) => {
      hashes.slice(i + 1).forEach((b, offset) => {
        const distance = nearDuplicateDistance(a, b);
        if (distance <= NEAR_DUPLICATE_MAX_DISTANCE)
          matches.push(`${SCENE_NAMES[i]}~${SCENE_NAMES[i + offset + 1]}=${distance}`);
      });
    });

    expect(matches).toEqual([]);
  });
});
