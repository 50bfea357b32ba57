import { describe, expect, it } from 'vitest';
import {
  checkAnnounced,
  checkDeadLetters,
  checkEmails,
  checkOrphans,
  checkRecords,
  checkRenditionSets,
  dedupeEvents,
  expectedRenditionKeys,
  type RecordView,
  type UploadOutcome,
} from '../invariants.ts';

const A = 'aaaaaaaa-0000-4000-8000-000000000001';
const B = 'bbbbbbbb-0000-4000-8000-000000000002';
const C = 'cccccccc-0000-4000-8000-000000000003';

function processed(imageId: string, version: string): RecordView {
  return {
    imageId,
    status: 'PROCESSED',
    version,
    renditions: expectedRenditionKeys(imageId, version).map((key) => ({ key })),
  };
}

const records = (...list: RecordView[]) => new Map(list.map((r) => [r.imageId, r]));

describe('checkRecords', () => {
  const uploads: UploadOutcome[] = [
    { imageId: A, key: `uploads/o/${A}.jpg`, kind: 'overwrite', versions: ['v1', 'v2'] },
    { imageId: B, key: `uploads/o/${B}.jpg`, kind: 'not-an-image', versions: ['v1'] },
    { imageId: C, key: `uploads/o/${C}.jpg`, kind: 'delete-after-upload', versions: ['v1'] },
  ];

  it('passes when each upload ended in its kind’s status at the last version', () => {
    const verdict = checkRecords(
      uploads,
      records(
        processed(A, 'v2'),
        { imageId: B, status: 'REJECTED', version: 'v1' },
        { imageId: C, status: 'DELETED' },
      ),
      [A, B, C],
    );
    expect(verdict.ok).toBe(true);
    expect(verdict.detail).toBe('3/3 terminal, owner index lists 3');
  });

  it('names a missing record, a wrong status, an older version and an extra or doubled index entry', () => {
    const verdict = checkRecords(
      uploads,
      records(processed(A, 'v1'), { imageId: B, status: 'ACCEPTED', version: 'v1' }),
      [A, A, 'someone-else'],
    );
    expect(verdict.ok).toBe(false);
    expect(verdict.problems).toEqual([
      `overwrite ${A}: at version v1, expected the last put v2`,
      `not-an-image ${B}: ACCEPTED, expected REJECTED`,
      `delete-after-upload ${C}: no record`,
      `owner index lists ${A} 2 times`,
      'owner index lists someone-else, which the soak never uploaded',
    ]);
  });
});

describe('checkRenditionSets', () => {
  it('passes with the 10 renditions of the record’s version in the bucket and the record', () => {
    expect(checkRenditionSets([processed(A, 'v2')], expectedRenditionKeys(A, 'v2')).ok).toBe(true);
  });

  it('names missing objects and a record listing other renditions; ignores images not PROCESSED', () => {
    const keys = expectedRenditionKeys(A, 'v2').filter((key) => !key.endsWith('large.webp'));
    const stale = {
      ...processed(A, 'v2'),
      renditions: expectedRenditionKeys(A, 'v1').map((key) => ({ key })),
    };
    const verdict = checkRenditionSets([stale, { imageId: B, status: 'REJECTED' }], keys);
    expect(verdict.problems).toEqual([
      `${A}: missing large.webp`,
      `${A}: record lists 10 renditions, not the 10 of version v2`,
    ]);
    expect(verdict.detail).toBe('1 images × 10');
  });
});

describe('checkOrphans', () => {
  const live = records(processed(A, 'v2'), { imageId: B, status: 'DELETED', version: 'v1' });

  it('passes when every object belongs to a PROCESSED record at its version', () => {
    expect(checkOrphans(expectedRenditionKeys(A, 'v2'), live, new Set([A]), true).ok).toBe(true);
  });

  it('flags an old version, a deleted image and (strictly) an image without a record', () => {
    const keys = [`${A}/v1/thumb.jpg`, `${A}/v2/thumb.jpg`, `${B}/v1/thumb.jpg`, `${C}/v9/thumb.jpg`];
    const verdict = checkOrphans(keys, live, new Set([A, B]), true);
    expect(verdict.problems).toEqual([
      `${A} (PROCESSED at v2): 1 object(s) of version v1`,
      `${B} (DELETED at v1): 1 object(s) of version v1`,
      `(not the soak's) ${C} (no record): 1 object(s) of version v9`,
    ]);
    expect(verdict.detail).toBe("4 objects, 3 orphaned (2 of the soak's images)");
  });

  it('on a shared stack ignores other tests’ objects that have no record, never the soak’s own', () => {
    const keys = [`${C}/v9/thumb.jpg`, `${A}/v2/thumb.jpg`];
    expect(checkOrphans(keys, records(), new Set([A]), false).problems).toEqual([
      `${A} (no record): 1 object(s) of version v2`,
    ]);
  });
});

describe('checkDeadLetters', () => {
  it('on its own stack fails on any dead letter', () => {
    const verdict = checkDeadLetters([{ queue: 'resize', total: 1, ours: 0 }], true);
    expect(verdict.problems).toEqual(['resize: 1 dead letter(s)']);
  });

  it('on a shared stack fails only on the soak’s and reports the rest', () => {
    const counts = [
      { queue: 'resize', total: 3, ours: 0 },
      { queue: 'mailer', total: 0, ours: 0 },
    ];
    expect(checkDeadLetters(counts, false, 2)).toMatchObject({
      ok: true,
      detail: '2 DLQs, 2 redriven after faults, 3 left by other tests',
    });
    expect(checkDeadLetters([{ queue: 'ingest', total: 2, ours: 1 }], false).problems).toEqual([
      'ingest: 1 dead letter(s) about soak images',
    ]);
  });
});

describe('checkAnnounced', () => {
  it('wants image.processed / image.rejected at the record’s version, and image.deleted after an accept', () => {
    const list = [
      processed(A, 'v2'),
      { imageId: B, status: 'REJECTED', version: 'v1' },
      { imageId: C, status: 'DELETED' },
    ];
    const events = [
      { type: 'image.processed', imageId: A, version: 'v1' },
      { type: 'image.accepted', imageId: C, version: 'v1' },
      { type: 'image.rejected', imageId: B, version: 'v1' },
    ];
    expect(checkAnnounced(list, events).problems).toEqual([
      `${A}: PROCESSED at v2 but no image.processed event`,
      `${C}: DELETED but no image.deleted event`,
    ]);
  });

  it('does not want image.deleted for an image deleted before it was accepted', () => {
    expect(checkAnnounced([{ imageId: C, status: 'DELETED' }], []).ok).toBe(true);
  });
});

describe('dedupeEvents', () => {
  it('keeps one of each mailed (type, imageId, version) and drops unmailed types', () => {
    const events = [
      { type: 'image.processed', imageId: A, version: 'v1' },
      { type: 'image.processed', imageId: A, version: 'v1' },
      { type: 'image.processed', imageId: A, version: 'v2' },
      { type: 'image.accepted', imageId: A, version: 'v1' },
    ];
    expect(dedupeEvents(events)).toHaveLength(2);
  });
});

describe('checkEmails', () => {
  const events = [
    { type: 'image.processed', imageId: A, version: 'v1' },
    { type: 'image.processed', imageId: A, version: 'v1' },
    { type: 'image.rejected', imageId: B, version: 'v1' },
  ];
  const mail = (imageId: string) => ({ to: ['soak@example.com'], text: `Your photo ${imageId} is ready` });

  it('matches emails to events per image when each email names one image', () => {
    expect(checkEmails(events, { emails: [mail(A), mail(B)] }, [A, B], false)).toMatchObject({
      ok: true,
      detail: '2 expected, 2 sent',
    });
    expect(checkEmails(events, { emails: [mail(A), mail(A)] }, [A, B], false).problems).toEqual([
      `${A}: 2 email(s), expected 1`,
      `${B}: 0 email(s), expected 1`,
    ]);
  });

  it('accepts a resent email under faults but never a missing one', () => {
    expect(checkEmails(events, { emails: [mail(A), mail(A), mail(B)] }, [A, B], true)).toMatchObject({
      ok: true,
      detail: '2 expected, 3 sent, 1 resent after injected faults',
    });
    expect(checkEmails(events, { emails: [mail(A), mail(A)] }, [A, B], true).ok).toBe(false);
  });

  it('compares totals when only a send count is known', () => {
    expect(checkEmails(events, { count: 2, note: 'SES send count' }, [A, B], false)).toMatchObject({
      ok: true,
      detail: '2 expected, 2 sent (SES send count)',
    });
    expect(checkEmails(events, { count: 3, note: 'n' }, [A, B], false).problems).toEqual([
      '3 emails for 2 mailed events',
    ]);
  });
});
