import type { Contribution } from '@pipeline/store';

/** What the listing holds for one image: its managed objects per Prefix value, and the newest of them. */
export interface ImageTally {
  imageId: string;
  contribution: Contribution;
  /** The newest LastModified of its objects (epoch ms). */
  newest: number;
}

/** Slots the pool starts with; it doubles when full. */
const INITIAL_SLOTS = 1024;

/**
 * The listing per image, kept compact: a Map from imageId to a slot of one
 * Float64Array (objects and bytes per managed Prefix value, then the newest
 * LastModified). A million images (UUID ids, the default profile's 5 values)
 * cost about 180 MB: measured with process.memoryUsage, ~85 MB of heap for
 * the ids and the Map, and the pool at 88 bytes a slot with the headroom
 * doubling leaves. A Contribution object per image would take several times
 * that. The function's 1024 MB leave room for about 4 million images next
 * to the listing's pages in flight. Float64 holds exact integers up to 2^53,
 * far above any byte count here.
 */
export class ImageTallies {
  private readonly index = new Map<string, number>();
  private readonly groupIndex: Map<string, number>;
  private readonly width: number;
  private pool: Float64Array;
  private used = 0;

  /** @param groups the managed Prefix values tallied (others are ignored). */
  constructor(readonly groups: readonly string[]) {
    this.groupIndex = new Map(groups.map((group, i) => [group, i]));
    this.width = 2 * groups.length + 1;
    this.pool = new Float64Array(INITIAL_SLOTS * this.width);
  }

  /** Images tallied and not yet taken. */
  get size(): number {
    return this.index.size;
  }

  /** Adds one object of `imageId` in `group`, `bytes` long, last modified at `lastModified` (epoch ms). */
  add(imageId: string, group: string, bytes: number, lastModified: number): void {
    const g = this.groupIndex.get(group);
    if (g === undefined) return;
    const base = this.slotOf(imageId) * this.width;
    this.pool[base + 2 * g] += 1;
    this.pool[base + 2 * g + 1] += bytes;
    const newest = base + this.width - 1;
    if (lastModified > (this.pool[newest] ?? 0)) this.pool[newest] = lastModified;
  }

  /** The tally of `imageId` (zero when the listing had none of its objects), which it forgets. */
  take(imageId: string): ImageTally {
    const slot = this.index.get(imageId);
    if (slot === undefined) return { imageId, contribution: {}, newest: 0 };
    this.index.delete(imageId);
    return this.read(imageId, slot);
  }

  /** The images not taken yet (listed, with no ledger), in the order first listed. */
  *rest(): IterableIterator<ImageTally> {
    for (const [imageId, slot] of this.index) yield this.read(imageId, slot);
  }

  private read(imageId: string, slot: number): ImageTally {
    const base = slot * this.width;
    const contribution: Contribution = {};
    this.groups.forEach((group, g) => {
      const objects = this.pool[base + 2 * g] ?? 0;
      if (objects !== 0) contribution[group] = { objects, bytes: this.pool[base + 2 * g + 1] ?? 0 };
    });
    return { imageId, contribution, newest: this.pool[base + this.width - 1] ?? 0 };
  }

  private slotOf(imageId: string): number {
    const known = this.index.get(imageId);
    if (known !== undefined) return known;
    const slot = this.used;
    this.used += 1;
    if (this.used * this.width > this.pool.length) {
      const grown = new Float64Array(this.pool.length * 2);
      grown.set(this.pool);
      this.pool = grown;
    }
    // A fresh copy: an id sliced from a key can keep the key (or the page it was parsed from) alive.
    this.index.set(Buffer.from(imageId).toString(), slot);
    return slot;
  }
}
