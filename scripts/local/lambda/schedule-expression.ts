/**
 * EventBridge schedule expressions, for running scheduled functions locally
 * (terraform/envs/local creates their rules DISABLED). `rate(...)` fully;
 * `cron(...)` with the common syntax (numbers, names, `*`, `?`, lists, ranges,
 * steps), in UTC as EventBridge evaluates it. Pure: no timers here.
 */

/** A parsed schedule: every `everyMs`, or at the minutes a cron expression matches. */
export type Schedule =
  | { kind: 'rate'; expression: string; everyMs: number }
  | { kind: 'cron'; expression: string; fields: CronFields };

/** Allowed values of each cron field, as sets. */
export interface CronFields {
  minutes: Set<number>;
  hours: Set<number>;
  daysOfMonth: Set<number> | '?';
  months: Set<number>;
  /** 1 = Sunday ... 7 = Saturday, as EventBridge counts. */
  daysOfWeek: Set<number> | '?';
  years: Set<number>;
}

const UNIT_MS: Record<string, number> = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };
const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];
/** How far ahead a cron expression is searched for its next run (a year field may point further). */
const CRON_HORIZON_MS = 5 * 366 * 86_400_000;

/**
 * Parses `rate(N minute|minutes|hour|hours|day|days)` (singular exactly when
 * N is 1, as EventBridge requires) and six-field `cron(min hour dom month dow year)`.
 *
 * @throws Error naming the expression and what is wrong, including cron
 *   features this parser leaves out (`L`, `W`, `#`): such a schedule is not run locally.
 */
export function parseSchedule(expression: string): Schedule {
  const text = expression.trim();
  const rate = /^rate\((\d+)\s+(minute|minutes|hour|hours|day|days)\)$/.exec(text);
  if (rate) {
    const value = Number(rate[1]);
    const unit = (rate[2] as string).replace(/s$/, '');
    if (value < 1) throw new Error(`schedule "${expression}": the rate must be at least 1`);
    if ((value === 1) !== (rate[2] === unit)) {
      throw new Error(
        `schedule "${expression}": EventBridge wants "${value} ${value === 1 ? unit : `${unit}s`}"`,
      );
    }
    return { kind: 'rate', expression: text, everyMs: value * (UNIT_MS[unit] as number) };
  }
  const cron = /^cron\((.+)\)$/.exec(text);
  if (cron) return { kind: 'cron', expression: text, fields: parseCronFields(expression, cron[1] as string) };
  throw new Error(`schedule "${expression}": expected rate(<n> <unit>) or cron(<6 fields>)`);
}

/**
 * The first run strictly after `afterMs` (epoch ms): `afterMs + everyMs` for a
 * rate, the next matching whole minute (UTC) for cron; `undefined` when a
 * cron expression matches nothing in the next five years.
 */
export function nextRunAfter(schedule: Schedule, afterMs: number): number | undefined {
  if (schedule.kind === 'rate') return afterMs + schedule.everyMs;
  const { fields } = schedule;
  let at = Math.floor(afterMs / 60_000) * 60_000 + 60_000;
  const limit = afterMs + CRON_HORIZON_MS;
  while (at <= limit) {
    const d = new Date(at);
    // Skip whole days and hours that cannot match, so the search stays fast.
    if (!dayMatches(fields, d)) {
      at = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1);
    } else if (!fields.hours.has(d.getUTCHours())) {
      at = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), d.getUTCHours() + 1);
    } else if (!fields.minutes.has(d.getUTCMinutes())) {
      at += 60_000;
    } else {
      return at;
    }
  }
  return undefined;
}

function dayMatches(fields: CronFields, d: Date): boolean {
  return (
    fields.years.has(d.getUTCFullYear()) &&
    fields.months.has(d.getUTCMonth() + 1) &&
    (fields.daysOfMonth === '?' || fields.daysOfMonth.has(d.getUTCDate())) &&
    (fields.daysOfWeek === '?' || fields.daysOfWeek.has(d.getUTCDay() + 1))
  );
}

function parseCronFields(expression: string, body: string): CronFields {
  const parts = body.trim().split(/\s+/);
  const fail = (why: string): never => {
    throw new Error(`schedule "${expression}": ${why}`);
  };
  if (parts.length !== 6) fail(`cron takes 6 fields (minutes hours day-of-month month day-of-week year)`);
  const [minutes, hours, dom, month, dow, year] = parts as [string, string, string, string, string, string];
  if ((dom === '?') === (dow === '?')) fail('exactly one of day-of-month and day-of-week must be ?');
  if (/[LW#]/.test(`${dom} ${dow}`)) fail('L, W and # are not supported by the local runtime');
  const field = (text: string, min: number, max: number, names: string[] = [], nameBase = 1) =>
    parseField(text, min, max, (why) => fail(`"${text}": ${why}`), names, nameBase);
  return {
    minutes: field(minutes, 0, 59),
    hours: field(hours, 0, 23),
    daysOfMonth: dom === '?' ? '?' : field(dom, 1, 31),
    months: field(month, 1, 12, MONTHS),
    daysOfWeek: dow === '?' ? '?' : field(dow, 1, 7, DAYS),
    years: field(year, 1970, 2199),
  };
}

/** One cron field: `*`, `n`, `NAME`, `a-b`, `*\/s`, `a/s`, `a-b/s`, comma lists of these. */
function parseField(
  text: string,
  min: number,
  max: number,
  fail: (why: string) => never,
  names: string[],
  nameBase: number,
): Set<number> {
  const value = (token: string): number => {
    const named = names.indexOf(token.toUpperCase());
    const n = named >= 0 ? named + nameBase : /^\d+$/.test(token) ? Number(token) : Number.NaN;
    if (!(n >= min && n <= max)) fail(`${token} is not a value from ${min} to ${max}`);
    return n;
  };
  const out = new Set<number>();
  for (const item of text.split(',')) {
    const [range = '', stepText] = item.split('/');
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isInteger(step) || step < 1) fail(`step "${stepText}" is not a positive whole number`);
    let from: number;
    let to: number;
    if (range === '*') [from, to] = [min, max];
    else if (range.includes('-')) {
      const [a = '', b = ''] = range.split('-');
      [from, to] = [value(a), value(b)];
      if (from > to) fail(`range ${range} runs backwards`);
    } else [from, to] = [value(range), stepText === undefined ? value(range) : max];
    for (let n = from; n <= to; n += step) out.add(n);
  }
  return out;
}
