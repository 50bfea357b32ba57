/**
 * `text` with every run of control characters (C0, DEL, and the Unicode line
 * and paragraph separators) replaced by one space: what a header or a
 * one-line name must never hold.
 */
export function withoutControlCharacters(text: string): string {
  let out = '';
  let inRun = false;
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    const control = code < 0x20 || code === 0x7f || code === 0x2028 || code === 0x2029;
    if (control && !inRun) out += ' ';
    if (!control) out += char;
    inRun = control;
  }
  return out;
}
