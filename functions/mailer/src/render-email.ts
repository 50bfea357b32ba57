/** The words of one email, rendered both as text and as HTML. */
export interface EmailModel {
  subject: string;
  /** Plain text, one paragraph each; escaped in HTML. */
  paragraphs: string[];
  /** Label/value pairs shown as a small table. */
  details: ReadonlyArray<readonly [string, string]>;
  link: { label: string; url: string };
  footer: string;
}

/** The text/plain body. */
export function renderText(model: EmailModel): string {
  const width = Math.max(0, ...model.details.map(([label]) => label.length));
  const details = model.details.map(([label, value]) => `  ${`${label}:`.padEnd(width + 1)} ${value}`);
  return [
    'Hello,',
    ...model.paragraphs,
    ...(details.length > 0 ? [details.join('\n')] : []),
    `${model.link.label}: ${model.link.url}`,
    `-- \n${model.footer}`,
  ].join('\n\n');
}

/**
 * The text/html body. Every value goes through {@link escapeHtml}: captions,
 * reasons and file names are user text and must not become markup.
 */
export function renderHtml(model: EmailModel): string {
  const rows = model.details
    .map(
      ([label, value]) =>
        `<tr><th align="left" style="padding:2px 12px 2px 0;font-weight:600">${escapeHtml(label)}</th><td>${escapeHtml(value)}</td></tr>`,
    )
    .join('');
  return [
    '<!DOCTYPE html>',
    `<html><head><meta charset="utf-8"><title>${escapeHtml(model.subject)}</title></head>`,
    '<body style="font-family:system-ui,sans-serif;line-height:1.5;color:#1f2328">',
    '<p>Hello,</p>',
    ...model.paragraphs.map((paragraph) => `<p>${escapeHtml(paragraph)}</p>`),
    rows ? `<table role="presentation" style="border-collapse:collapse">${rows}</table>` : '',
    `<p><a href="${escapeHtml(model.link.url)}">${escapeHtml(model.link.label)}</a></p>`,
    `<p style="color:#59636e;font-size:small">${escapeHtml(model.footer)}</p>`,
    '</body></html>',
  ]
    .filter((line) => line !== '')
    .join('\n');
}

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text made safe for HTML content and double- or single-quoted attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ENTITIES[char] ?? char);
}
