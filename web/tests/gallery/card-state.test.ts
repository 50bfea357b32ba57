import { describe, expect, it } from 'vitest';
import {
  applyPoll,
  type CardState,
  displayStatus,
  needsPolling,
  RECORD_WAIT_MS,
  reasonText,
  statusAnnouncement,
} from '../../src/gallery/card-state.ts';
import { record } from '../helpers.ts';

const card = (overrides: Partial<CardState> = {}): CardState => ({
  key: 'img-1',
  imageId: 'img-1',
  ...overrides,
});

describe('displayStatus', () => {
  it('shows upload progress, then Processing until the record is PROCESSED', () => {
    expect(displayStatus(card({ progress: 0.456 })).label).toBe('Uploading 46%');
    expect(displayStatus(card()).label).toBe('Processing');
    expect(displayStatus(card({ record: record({ status: 'ACCEPTED' }) })).label).toBe('Processing');
    expect(displayStatus(card({ record: record() }))).toEqual({ label: 'Ready', tone: 'ok' });
  });

  it('gives the reason of a rejected image in words', () => {
    const status = displayStatus(
      card({ record: record({ status: 'REJECTED', statusReason: 'Image::NotAnImage' }) }),
    );
    expect(status).toEqual({ label: 'Rejected', tone: 'bad', detail: 'The file is not an image.' });
  });

  it('shows a moderator rejection and its reason', () => {
    const status = displayStatus(
      card({ record: record({ review: { decision: 'REJECTED', reason: 'blurry' } }) }),
    );
    expect(status).toMatchObject({ label: 'Rejected by moderator', detail: 'Reason: blurry' });
  });

  it('shows Deleting until the record is DELETED, and upload errors first', () => {
    expect(displayStatus(card({ deleting: true, record: record() })).label).toBe('Deleting');
    expect(displayStatus(card({ deleting: true, record: record({ status: 'DELETED' }) })).label).toBe(
      'Deleted',
    );
    expect(displayStatus(card({ uploadError: 'too big', progress: 0.5 }))).toMatchObject({
      label: 'Upload failed',
      detail: 'too big',
    });
  });
});

describe('reasonText', () => {
  it('keeps unknown codes as they are', () => {
    expect(reasonText('Image::Whatever')).toBe('Image::Whatever');
    expect(reasonText(undefined)).toBe('No reason was given.');
  });
});

describe('needsPolling', () => {
  it('polls while the image can change', () => {
    expect(needsPolling(card())).toBe(true);
    expect(needsPolling(card({ record: record({ status: 'UPLOADED' }) }))).toBe(true);
    expect(needsPolling(card({ record: record(), deleting: true }))).toBe(true);
  });

  it('stops at a terminal status, on failures and while still uploading', () => {
    for (const status of ['PROCESSED', 'REJECTED', 'DELETED'] as const) {
      expect(needsPolling(card({ record: record({ status }) }))).toBe(false);
    }
    expect(needsPolling(card({ progress: 0.2 }))).toBe(false);
    expect(needsPolling(card({ uploadError: 'x' }))).toBe(false);
    expect(needsPolling(card({ lost: true }))).toBe(false);
    expect(needsPolling({ key: 'local-1' })).toBe(false);
  });
});

describe('applyPoll', () => {
  it('takes the record it got, and marks a DELETED one gone', () => {
    expect(applyPoll(card({ waitingSince: 1 }), { record: record() }, 2)).toEqual(card({ record: record() }));
    expect(applyPoll(card(), { record: record({ status: 'DELETED' }) }, 2).gone).toBe(true);
  });

  it('treats 404 as not recorded yet for a bounded time', () => {
    const first = applyPoll(card(), { notFound: true }, 1000);
    expect(first).toMatchObject({ waitingSince: 1000 });
    expect(applyPoll(first, { notFound: true }, 1000 + RECORD_WAIT_MS).lost).toBeUndefined();
    expect(applyPoll(first, { notFound: true }, 1001 + RECORD_WAIT_MS).lost).toBe(true);
  });

  it('treats 404 of a known or deleting image as gone', () => {
    expect(applyPoll(card({ deleting: true }), { notFound: true }, 1).gone).toBe(true);
    expect(applyPoll(card({ record: record() }), { notFound: true }, 1).gone).toBe(true);
  });
});

describe('statusAnnouncement', () => {
  it('announces a label change with the file name and detail', () => {
    const before = card({ filename: 'cat.jpg', record: record({ status: 'ACCEPTED' }) });
    const after = card({
      filename: 'cat.jpg',
      record: record({ status: 'REJECTED', statusReason: 'Image::Empty' }),
    });
    expect(statusAnnouncement(before, after)).toBe('cat.jpg: Rejected. The file is empty.');
  });

  it('stays quiet when nothing visible changed and during upload progress', () => {
    expect(statusAnnouncement(card(), card({ waitingSince: 5 }))).toBeUndefined();
    expect(statusAnnouncement(card({ progress: 0.1 }), card({ progress: 0.2 }))).toBeUndefined();
  });
});
