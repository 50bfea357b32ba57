/** The caption / date taken / photographer form of the detail view (PATCH /images/{id}). */
import type { ApiClient } from '../api/client.ts';
import { ApiError } from '../api/errors.ts';
import type { ImageView } from '../api/types.ts';
import { h } from '../ui/dom.ts';
import {
  CAPTION_MAX,
  checkEdit,
  type EditErrors,
  type EditField,
  type EditValues,
  editValuesFrom,
  fieldOfMessage,
  localToday,
  PHOTOGRAPHER_MAX,
} from './edit-validation.ts';

export interface EditFormOptions {
  api: Pick<ApiClient, 'updateImage'>;
  record: ImageView;
  /** Called with the saved record. */
  onSaved: (record: ImageView) => void;
}

interface Field {
  control: HTMLInputElement | HTMLTextAreaElement;
  error: HTMLElement;
  wrapper: HTMLElement;
}

function field(
  name: EditField,
  label: string,
  control: HTMLInputElement | HTMLTextAreaElement,
  hint?: HTMLElement,
): Field {
  const error = h('p', { id: `${name}-error`, class: 'field-error', hidden: true });
  control.id = `field-${name}`;
  control.name = name;
  control.setAttribute('aria-describedby', [hint?.id, error.id].filter(Boolean).join(' '));
  const wrapper = h('div', { class: 'field' }, h('label', { for: control.id }, label), control, hint, error);
  return { control, error, wrapper };
}

/** The three fields, filled with the record's values, and the caption's character counter. */
function editFields(values: EditValues) {
  const counter = h('p', { id: 'caption-hint', class: 'hint' });
  const caption = field('caption', 'Caption', h('textarea', { rows: 3, value: values.caption }), counter);
  const takenAt = field(
    'takenAt',
    'Date taken',
    h('input', { type: 'date', value: values.takenAt, max: localToday() }),
  );
  const photographer = field(
    'photographer',
    'Photographer',
    h('input', { type: 'text', value: values.photographer, autocomplete: 'name' }),
  );
  return { counter, caption, takenAt, photographer };
}

/** Shows each field's error (or clears it) and moves the focus to the first field in error. */
function showFieldErrors(fields: Record<EditField, Field>, errors: EditErrors): void {
  for (const [name, f] of Object.entries(fields) as Array<[EditField, Field]>) {
    const message = errors[name];
    f.error.textContent = message ?? '';
    f.error.hidden = !message;
    if (message) f.control.setAttribute('aria-invalid', 'true');
    else f.control.removeAttribute('aria-invalid');
  }
  const first = (Object.keys(fields) as EditField[]).find((name) => errors[name]);
  if (first) fields[first].control.focus();
}

/** Builds the form; it keeps what the person typed until they save. */
export function editForm(options: EditFormOptions): HTMLFormElement {
  let record = options.record;
  const { counter, caption, takenAt, photographer } = editFields(editValuesFrom(record));
  const fields: Record<EditField, Field> = { caption, takenAt, photographer };
  const status = h('p', { class: 'form-status', role: 'status' });
  const save = h('button', { type: 'submit', class: 'button button-primary' }, 'Save changes');
  const updateCounter = () => {
    counter.textContent = `${caption.control.value.trim().length} of ${CAPTION_MAX} characters`;
  };
  caption.control.addEventListener('input', updateCounter);
  updateCounter();

  const showErrors = (errors: EditErrors) => showFieldErrors(fields, errors);

  const form = h(
    'form',
    { class: 'edit-form', novalidate: true, 'aria-labelledby': 'edit-heading' },
    h('h2', { id: 'edit-heading' }, 'Details you can edit'),
    caption.wrapper,
    h('div', { class: 'field-row' }, takenAt.wrapper, photographer.wrapper),
    h('p', { class: 'hint' }, `Photographer: up to ${PHOTOGRAPHER_MAX} characters.`),
    h('div', { class: 'form-actions' }, save, status),
  );

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    status.textContent = '';
    const check = checkEdit(
      {
        caption: caption.control.value,
        takenAt: takenAt.control.value,
        photographer: photographer.control.value,
      },
      record,
      localToday(),
    );
    showErrors(check.errors);
    if (Object.keys(check.errors).length) {
      status.textContent = 'Please fix the highlighted fields.';
      return;
    }
    if (check.unchanged) {
      status.textContent = 'Nothing to save: no field changed.';
      return;
    }
    save.disabled = true;
    status.textContent = 'Saving…';
    try {
      record = await options.api.updateImage(record.imageId, check.patch);
      status.textContent = 'Saved.';
      options.onSaved(record);
    } catch (error) {
      const message = (error as Error).message;
      const target = error instanceof ApiError && error.status === 400 ? fieldOfMessage(message) : undefined;
      if (target) showErrors({ [target]: message });
      status.textContent = target ? 'The server did not accept a field.' : `Not saved: ${message}`;
    } finally {
      save.disabled = false;
    }
  });
  return form;
}
