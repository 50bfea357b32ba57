/**
 * One line of the doctor's report: ✔ passed, ✖ would break `make deploy`
 * (the doctor exits non-zero), ! advice that does not block.
 */

/** ok ✔, fail ✖ (blocking), warn ! (advice). */
export type CheckStatus = 'ok' | 'fail' | 'warn';

export interface CheckLine {
  status: CheckStatus;
  text: string;
  /** What to do about it (printed under a ✖ or ! line). */
  fix?: string;
}

/** A passed check. */
export const ok = (text: string): CheckLine => ({ status: 'ok', text });
/** A check that would break the apply; `fix` says what to do. */
export const fail = (text: string, fix: string): CheckLine => ({ status: 'fail', text, fix });
/** Advice that does not block. */
export const warn = (text: string, fix?: string): CheckLine => ({
  status: 'warn',
  text,
  ...(fix ? { fix } : {}),
});

const MARK: Record<CheckStatus, string> = { ok: '✔', fail: '✖', warn: '!' };

/** `✔ text`, or `✖ text` followed by an indented `fix: ...` line. */
export function formatLine(line: CheckLine): string {
  const head = `${MARK[line.status]} ${line.text}`;
  return line.fix ? `${head}\n    fix: ${line.fix}` : head;
}

/** True when any line would break the apply. */
export function hasFailure(lines: readonly CheckLine[]): boolean {
  return lines.some((line) => line.status === 'fail');
}

/** The message of an unknown thrown value. */
export function errorText(error: unknown): string {
  const status = (error as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode;
  const message = error instanceof Error ? error.message : String(error);
  // An HTML 404 from an emulator without the API makes the SDK fail to parse; say what happened.
  if (status && /Deserialization error/.test(message))
    return `HTTP ${status} (the endpoint does not implement this API)`;
  return message;
}
