/**
 * The soak's invariants, as pure functions of what it observed after the
 * queues drained: records, rendition keys, dead letters, domain events and
 * emails. Each returns a verdict with the first offenders, so a failing run
 * says what broke, not only that something did.
 */
import { EXPECTED_STATUS, type TerminalStatus, type UploadKind } from './plan.ts';
import { type Verdict, verdict } from './verdict.ts';

/** What the soak did for one planned upload. */
export interface UploadOutcome {
  imageId: string;
  key: string;
  kind: UploadKind;
  /** Normalised eTags of the versions put, in order; the last one is the version that must win. */
  versions: string[];
}

/** The fields of an image record the checks read. */
export interface RecordView {
  imageId: string;
  status: string;
  version?: string | undefined;
  renditions?: { key: string }[] | undefined;
}

/** A domain event, reduced to what identifies it. */
export interface EventView {
  type: string;
  imageId: string;
  version: string;
}

/** A sent email, reduced to what the count needs. */
export interface EmailView {
  to: string[];
  /** Subject and bodies, searched for imageIds. */
  text: string;
}

export const TERMINAL: readonly TerminalStatus[] = ['PROCESSED', 'REJECTED', 'DELETED'];
// The default rendition profile's sizes (packages/domain/src/rendition-profile.ts): the soak runs without a profile set.
export const RENDITION_NAMES = ['thumb', 'small', 'medium', 'large', 'square'] as const;
export const RENDITION_EXTS = ['jpg', 'webp'] as const;
/** Event types the mailer emails about, once per (type, imageId, version). */
export const MAILED_EVENT_TYPES = [
  'image.processed',
  'image.rejected',
  'image.reviewed',
  'image.deleted',
] as const;

/** The ten rendition keys of one version: `<imageId>/<version>/<name>.<ext>`. */
export function expectedRenditionKeys(imageId: string, version: string): string[] {
  return RENDITION_NAMES.flatMap((name) =>
    RENDITION_EXTS.map((ext) => `${imageId}/${version}/${name}.${ext}`),
  ).sort();
}

/**
 * Every upload has exactly one record, in the terminal status its kind must
 * reach, at the version put last (DELETED records are not checked for version:
 * a tombstone has none). `ownerImageIds`, when given, is what the owner index
 * lists for the soak's owner: it must be exactly the soak's images, no more.
 */
export function checkRecords(
  uploads: readonly UploadOutcome[],
  records: ReadonlyMap<string, RecordView>,
  ownerImageIds?: readonly string[],
): Verdict {
  const problems: string[] = [];
  for (const upload of uploads) {
    const record = records.get(upload.imageId);
    const expected = EXPECTED_STATUS[upload.kind];
    const last = upload.versions.at(-1);
    if (!record) problems.push(`${upload.kind} ${upload.imageId}: no record`);
    else if (record.status !== expected)
      problems.push(`${upload.kind} ${upload.imageId}: ${record.status}, expected ${expected}`);
    else if (expected !== 'DELETED' && record.version !== last)
      problems.push(
        `${upload.kind} ${upload.imageId}: at version ${record.version}, expected the last put ${last}`,
      );
  }
  const ids = new Set(uploads.map((u) => u.imageId));
  if (ownerImageIds) {
    const listed = new Map<string, number>();
    for (const id of ownerImageIds) listed.set(id, (listed.get(id) ?? 0) + 1);
    for (const [id, count] of listed) {
      if (!ids.has(id)) problems.push(`owner index lists ${id}, which the soak never uploaded`);
      else if (count > 1) problems.push(`owner index lists ${id} ${count} times`);
    }
  }
  const terminal = uploads.filter((u) =>
    TERMINAL.includes(records.get(u.imageId)?.status as TerminalStatus),
  ).length;
  return verdict(
    'one terminal record per upload',
    problems,
    `${terminal}/${uploads.length} terminal${ownerImageIds ? `, owner index lists ${ownerImageIds.length}` : ''}`,
  );
}

/** Rendition keys grouped by imageId (the first path segment). */
export function groupByImage(keys: readonly string[]): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const key of keys) {
    const imageId = key.split('/')[0] ?? '';
    groups.set(imageId, [...(groups.get(imageId) ?? []), key]);
  }
  return groups;
}

/** Every PROCESSED image has all eight renditions of its version in the bucket and in its record. */
export function checkRenditionSets(records: Iterable<RecordView>, renditionKeys: readonly string[]): Verdict {
  const byImage = groupByImage(renditionKeys);
  const problems: string[] = [];
  let processed = 0;
  for (const record of records) {
    if (record.status !== 'PROCESSED') continue;
    processed += 1;
    const expected = expectedRenditionKeys(record.imageId, record.version ?? '?');
    const present = new Set(byImage.get(record.imageId) ?? []);
    const missing = expected.filter((key) => !present.has(key));
    if (missing.length > 0)
      problems.push(`${record.imageId}: missing ${missing.map((k) => k.split('/').pop()).join(', ')}`);
    const listed = (record.renditions ?? []).map((r) => r.key).sort();
    if (listed.join() !== expected.join())
      problems.push(
        `${record.imageId}: record lists ${listed.length} renditions, not the ${RENDITION_NAMES.length * RENDITION_EXTS.length} of version ${record.version}`,
      );
  }
  return verdict(
    'full rendition set per PROCESSED image',
    problems,
    `${processed} images × ${RENDITION_NAMES.length * RENDITION_EXTS.length}`,
  );
}

/**
 * Nothing in the renditions bucket belongs to no live image: every object
 * sits under `<imageId>/<version>/` of a PROCESSED record at that version.
 * `soakImageIds` are checked strictly (no record means orphan). Other
 * imageIds: strictly too when `strictElsewhere` (the soak owns the stack);
 * on a shared stack only objects whose imageId has a record that is not
 * PROCESSED at that version count (other tests may write renditions directly).
 */
export function checkOrphans(
  renditionKeys: readonly string[],
  records: ReadonlyMap<string, RecordView>,
  soakImageIds: ReadonlySet<string>,
  strictElsewhere: boolean,
): Verdict {
  const ours: string[] = [];
  const elsewhere: string[] = [];
  let orphans = 0;
  let ourOrphans = 0;
  for (const [imageId, keys] of groupByImage(renditionKeys)) {
    const record = records.get(imageId);
    const mine = soakImageIds.has(imageId);
    if (!record && !mine && !strictElsewhere) continue;
    const live = record?.status === 'PROCESSED' ? `${imageId}/${record.version}/` : undefined;
    const stray = keys.filter((key) => !live || !key.startsWith(live));
    if (stray.length === 0) continue;
    orphans += stray.length;
    if (mine) ourOrphans += stray.length;
    const versions = [...new Set(stray.map((key) => key.split('/')[1]))];
    (mine ? ours : elsewhere).push(
      `${mine ? '' : "(not the soak's) "}${imageId} (${record ? `${record.status} at ${record.version ?? 'no version'}` : 'no record'}): ${stray.length} object(s) of version ${versions.join(', ')}`,
    );
  }
  return verdict(
    'no orphan renditions',
    [...ours, ...elsewhere],
    `${renditionKeys.length} objects${strictElsewhere ? '' : ' (soak images strictly, others with a record)'}, ${orphans} orphaned${orphans > 0 ? ` (${ourOrphans} of the soak's images)` : ''}`,
  );
}

/** Dead letters per function queue: all of them, and those about the soak's images. */
export interface DeadLetterCount {
  queue: string;
  total: number;
  ours: number;
}

/** No dead letter is about the soak's images (and, when `strict`, none at all). */
export function checkDeadLetters(counts: readonly DeadLetterCount[], strict: boolean, redriven = 0): Verdict {
  const problems = counts
    .filter((c) => (strict ? c.total : c.ours) > 0)
    .map(
      (c) => `${c.queue}: ${strict ? c.total : c.ours} dead letter(s)${strict ? '' : ' about soak images'}`,
    );
  const others = strict ? 0 : counts.reduce((sum, c) => sum + c.total - c.ours, 0);
  const notes = [
    `${counts.length} DLQs`,
    ...(redriven > 0 ? [`${redriven} redriven after faults`] : []),
    ...(others > 0 ? [`${others} left by other tests`] : []),
  ];
  return verdict('dead-letter queues empty', problems, notes.join(', '));
}

/** (type, imageId, version) of each event of a mailed type, once each. */
export function dedupeEvents(events: readonly EventView[]): EventView[] {
  const seen = new Map<string, EventView>();
  for (const event of events) {
    if (!(MAILED_EVENT_TYPES as readonly string[]).includes(event.type)) continue;
    seen.set(`${event.type} ${event.imageId} ${event.version}`, event);
  }
  return [...seen.values()];
}

/**
 * Every terminal outcome was announced, so the owner hears of it: PROCESSED
 * and REJECTED records have an image.processed / image.rejected event at their
 * version; a DELETED image that had been accepted has an image.deleted event.
 */
export function checkAnnounced(records: Iterable<RecordView>, events: readonly EventView[]): Verdict {
  const has = (type: string, imageId: string, version?: string) =>
    events.some(
      (e) => e.type === type && e.imageId === imageId && (version === undefined || e.version === version),
    );
  const problems: string[] = [];
  let announced = 0;
  for (const record of records) {
    const wanted =
      record.status === 'PROCESSED'
        ? ['image.processed', record.version]
        : record.status === 'REJECTED'
          ? ['image.rejected', record.version]
          : record.status === 'DELETED' && has('image.accepted', record.imageId)
            ? ['image.deleted', undefined]
            : undefined;
    if (!wanted) continue;
    const [type, version] = wanted as [string, string | undefined];
    if (has(type, record.imageId, version)) announced += 1;
    else
      problems.push(
        `${record.imageId}: ${record.status}${version ? ` at ${version}` : ''} but no ${type} event`,
      );
  }
  return verdict('every outcome announced (domain events)', problems, `${announced} announced`);
}

/**
 * What was sent: the emails to the soak's recipient, or, when they cannot
 * be read, only how many emails SES sent while the soak ran (and why).
 */
export type SentMail = { emails: readonly EmailView[] } | { count: number; note: string };

/**
 * The emails match the mailed events: one per (type, imageId, version),
 * per image when every email names exactly one soak image, else in total.
 * With injected faults a retry may send one twice (the send succeeded, a later
 * call failed): then every event needs at least one email and extras are
 * reported, not failed.
 */
export function checkEmails(
  events: readonly EventView[],
  sent: SentMail,
  imageIds: readonly string[],
  atLeastOnce: boolean,
): Verdict {
  const name = 'emails match events';
  const expected = dedupeEvents(events);
  const wrongCount = (got: number, want: number) => got < want || (!atLeastOnce && got > want);
  const problems: string[] = [];
  const total = 'emails' in sent ? sent.emails.length : sent.count;
  let how = 'note' in sent ? ` (${sent.note})` : '';
  if ('emails' in sent) {
    const mentions = (email: EmailView) => imageIds.filter((id) => email.text.includes(id)).length;
    if (sent.emails.every((email) => mentions(email) === 1)) {
      for (const imageId of imageIds) {
        const want = expected.filter((e) => e.imageId === imageId).length;
        const got = sent.emails.filter((email) => email.text.includes(imageId)).length;
        if (wrongCount(got, want)) problems.push(`${imageId}: ${got} email(s), expected ${want}`);
      }
    } else {
      how = ' (in total: not every email names one soak image)';
    }
  }
  if (problems.length === 0 && wrongCount(total, expected.length)) {
    problems.push(`${total} emails for ${expected.length} mailed events`);
  }
  const extra =
    atLeastOnce && total > expected.length ? `, ${total - expected.length} resent after injected faults` : '';
  return verdict(name, problems, `${expected.length} expected, ${total} sent${extra}${how}`);
}
