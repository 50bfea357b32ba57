/** #/moderation — processed photos from everyone, approved or rejected with a reason. */

import type { ImageView } from '../api/types.ts';
import type { AppContext, View } from '../app-context.ts';
import { announce } from '../ui/announce.ts';
import { h, replaceChildren } from '../ui/dom.ts';
import { formatDateTime } from '../ui/format.ts';
import { imageName } from '../ui/image-name.ts';
import { altText, hasRenditions, picture } from '../ui/picture.ts';

/** Items a moderator still has to decide on (exported for tests). */
export function awaitingReview(items: ImageView[]): ImageView[] {
  return items.filter((item) => item.status === 'PROCESSED' && !item.review);
}

function reviewItem(ctx: AppContext, record: ImageView, n: number): HTMLLIElement {
  const result = h('p', { class: 'form-status', role: 'status', tabindex: '-1' });
  const approve = h('button', { type: 'button', class: 'button button-primary' }, 'Approve');
  const reasonId = `reason-${n}`;
  const reason = h('input', { id: reasonId, type: 'text', name: 'reason', autocomplete: 'off' });
  const reasonError = h('p', { id: `${reasonId}-error`, class: 'field-error', hidden: true });
  reason.setAttribute('aria-describedby', reasonError.id);
  const reject = h('button', { type: 'submit', class: 'button button-danger' }, 'Reject');
  const form = h(
    'form',
    { class: 'reject-form', novalidate: true },
    h('label', { for: reasonId }, 'Reason for rejecting'),
    h('div', { class: 'inline' }, reason, reject),
    reasonError,
  );
  const controls = h('div', { class: 'review-controls' }, approve, form);
  const title = imageName(record);

  const decide = async (decision: 'APPROVED' | 'REJECTED', why?: string) => {
    approve.disabled = true;
    reject.disabled = true;
    result.textContent = 'Saving…';
    try {
      await ctx.api.reviewImage(record.imageId, decision, why);
      controls.remove();
      result.textContent = decision === 'APPROVED' ? 'Approved.' : `Rejected: ${why}`;
      announce(`${title}: ${result.textContent}`);
      result.focus();
    } catch (error) {
      result.textContent = `Not saved: ${(error as Error).message}`;
      approve.disabled = false;
      reject.disabled = false;
    }
  };
  approve.addEventListener('click', () => void decide('APPROVED'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const why = reason.value.trim();
    reasonError.hidden = !!why;
    reasonError.textContent = why ? '' : 'Give a reason to reject the photo.';
    if (!why) {
      reason.setAttribute('aria-invalid', 'true');
      reason.focus();
      return;
    }
    reason.removeAttribute('aria-invalid');
    void decide('REJECTED', why);
  });

  return h(
    'li',
    { class: 'review-item' },
    h(
      'div',
      { class: 'review-media' },
      hasRenditions(record)
        ? picture(record, { sizes: '12rem', alt: altText(record), minWidth: 300, lazy: true })
        : null,
    ),
    h(
      'div',
      { class: 'review-body' },
      h('h2', { class: 'review-title' }, title),
      h(
        'p',
        { class: 'hint' },
        `Uploaded ${formatDateTime(record.createdAt)} by user `,
        h('span', { title: record.owner ?? undefined }, `${(record.owner ?? 'unknown').slice(0, 8)}…`),
      ),
      controls,
      result,
    ),
  );
}

export const moderationView: View = (ctx, main) => {
  if (!ctx.session.isModerator) {
    replaceChildren(
      main,
      h('h1', { tabindex: '-1' }, 'Moderation'),
      h('p', {}, 'Only moderators can review photos.'),
    );
    return undefined;
  }
  let active = true;
  let cursor: string | undefined;
  let count = 0;
  const list = h('ul', { class: 'review-list', 'aria-label': 'Photos awaiting review' });
  const summary = h('p', { class: 'summary', role: 'status' }, 'Loading…');
  const more = h('button', { type: 'button', class: 'button', hidden: true }, 'Load more');

  const load = async () => {
    more.disabled = true;
    try {
      const page = await ctx.api.listImages({ status: 'PROCESSED', limit: 24, cursor });
      if (!active) return;
      for (const record of awaitingReview(page.items)) list.append(reviewItem(ctx, record, ++count));
      cursor = page.nextCursor;
      summary.textContent = count
        ? `${count} photo${count === 1 ? '' : 's'} awaiting review`
        : cursor
          ? 'Nothing awaiting review on this page.'
          : 'Nothing awaiting review.';
    } catch (error) {
      summary.textContent = `Could not load photos: ${(error as Error).message}`;
    } finally {
      more.hidden = !cursor;
      more.disabled = false;
    }
  };
  more.addEventListener('click', () => void load());
  replaceChildren(
    main,
    h('h1', { tabindex: '-1' }, 'Moderation'),
    h('p', { class: 'lead' }, 'Processed photos from everyone. Approve them, or reject them with a reason.'),
    summary,
    list,
    h('div', { class: 'more' }, more),
  );
  void load();
  return () => {
    active = false;
  };
};
