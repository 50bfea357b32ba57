import { InvalidOrderKeyError } from './errors.js';

/** Width sequencers are left-padded to, so that string order equals numeric order. */
export const SEQUENCER_WIDTH = 32;

const HEX = /^[0-9a-f]+$/i;
const TIME = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:?\d{2})?$/;

/** Where an S3 event sits in the history of its key. */
export interface OrderSource {
  /** `s3.object.sequencer` (hex); AWS sends it on PUT and DELETE events, moto never does. */
  sequencer?: string | null | undefined;
  /** `eventTime` (ISO-8601; moto may omit the zone and use microseconds). */
  eventTime: string;
}

/**
 * A string that sorts events on the same key in the order they happened.
 *
 * Why two sources: S3 delivers notifications out of order, and `eventTime`
 * has only millisecond resolution (two writes of one key in the same
 * millisecond tie), so AWS adds `sequencer`, a hex counter per key; the AWS
 * docs say to compare sequencers as hex after left-padding the shorter one.
 * We pad to a fixed width so a plain string comparison (what DynamoDB
 * condition expressions do) is correct. moto sends no sequencer, so locally
 * we fall back to `eventTime`, normalised to UTC with 6 fraction digits.
 * The two kinds never meet: one environment produces only one of them.
 *
 * @throws {InvalidOrderKeyError} when neither input is usable.
 */
export function orderKeyFor(source: OrderSource): string {
  const { sequencer, eventTime } = source;
  if (sequencer) {
    if (!HEX.test(sequencer)) throw new InvalidOrderKeyError(`sequencer: not hexadecimal: ${sequencer}`);
    return sequencer.toUpperCase().padStart(SEQUENCER_WIDTH, '0');
  }
  return normalizeEventTime(eventTime);
}

/** Three-way comparison of two order keys (negative when `a` happened first). */
export function compareOrderKeys(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

/** `true` when `candidate` happened strictly after `current`. */
export function isNewer(candidate: string, current: string): boolean {
  return compareOrderKeys(candidate, current) > 0;
}

function normalizeEventTime(eventTime: string): string {
  const match = TIME.exec(eventTime);
  if (!match) throw new InvalidOrderKeyError(`eventTime: not an ISO-8601 time: ${eventTime}`);
  const [, seconds, fraction = '', rawZone = 'Z'] = match;
  const zone = rawZone.length === 5 ? `${rawZone.slice(0, 3)}:${rawZone.slice(3)}` : rawZone;
  const parsed = new Date(`${seconds}${zone}`);
  if (Number.isNaN(parsed.getTime())) throw new InvalidOrderKeyError(`eventTime: invalid time: ${eventTime}`);
  const micros = fraction.padEnd(6, '0').slice(0, 6);
  return `${parsed.toISOString().slice(0, 19)}.${micros}Z`;
}
