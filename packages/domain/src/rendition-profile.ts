import * as z from 'zod';
import { RenditionProfileError } from './rendition-profile-error.js';

/**
 * A rendition profile: which renditions every processed image gets. Set once
 * per deployment in Terraform's `rendition_profile` (RENDITION_PROFILE, JSON,
 * in every function's environment); without it {@link DEFAULT_RENDITION_PROFILE}
 * applies. Product-safe (no Node-only code), so the web app may bundle it.
 */

/** Encodings a rendition may be written in. */
export const RENDITION_FORMAT_NAMES = ['jpeg', 'webp', 'avif'] as const;

/** How a size is framed: scaled whole, or cut square around what draws the eye (libvips' attention strategy). */
export const RENDITION_CROPS = ['none', 'square-attention'] as const;

/** One of {@link RENDITION_CROPS}. */
export type RenditionCrop = (typeof RENDITION_CROPS)[number];

/** Rendition names are key segments (`<imageId>/<version>/<name>.<ext>`) and metric groups: short, lower-case. */
export const RENDITION_NAME_PATTERN = /^[a-z][a-z0-9-]{0,31}$/;

/** Narrowest and widest rendition, in pixels: below 16 px nothing is recognisable; WebP stops at 16383. */
export const RENDITION_WIDTH_RANGE = { min: 16, max: 8192 } as const;

const quality = z.number().int('must be a whole number').min(1, 'must be 1-100').max(100, 'must be 1-100');

const SizeSchema = z.object({
  name: z.string().regex(RENDITION_NAME_PATTERN, 'must be lower-case letters, digits or "-" (at most 32)'),
  width: z
    .number()
    .int('must be a whole number of pixels')
    .min(RENDITION_WIDTH_RANGE.min, `must be at least ${RENDITION_WIDTH_RANGE.min} px`)
    .max(RENDITION_WIDTH_RANGE.max, `must be at most ${RENDITION_WIDTH_RANGE.max} px`),
  formats: z
    .array(z.enum(RENDITION_FORMAT_NAMES, { error: `must be one of ${RENDITION_FORMAT_NAMES.join(', ')}` }))
    .min(1, 'must list at least one format')
    .refine((formats) => new Set(formats).size === formats.length, 'must not list a format twice'),
  /** Encoder quality for every format of this size; default: each encoder's own (`@pipeline/imaging`). */
  quality: quality.optional(),
  crop: z.enum(RENDITION_CROPS).default('none'),
});

const AvifSchema = z.object({
  /** AVIF quality 1-100; default from `@pipeline/imaging`'s measurement. */
  quality: quality.optional(),
  /** libaom effort 0 (fastest) - 9; default from `@pipeline/imaging`'s measurement. */
  effort: z.number().int('must be a whole number').min(0, 'must be 0-9').max(9, 'must be 0-9').optional(),
  /** Keep an image's AVIF renditions only when they are at least this many percent smaller than its WebP. */
  minSavingPercent: z.number().min(0, 'must be 0-90').max(90, 'must be 0-90').optional(),
});

/** The zod schema of a {@link RenditionProfile}, with every rule {@link parseRenditionProfile} checks. */
export const RenditionProfileSchema = z
  .object({
    sizes: z.array(SizeSchema).min(1, 'must list at least one size').max(16, 'must list at most 16 sizes'),
    avif: AvifSchema.optional(),
  })
  .strict()
  .superRefine((profile, context) => {
    const seen = new Set<string>();
    profile.sizes.forEach((size, index) => {
      if (seen.has(size.name)) {
        context.addIssue({
          code: 'custom',
          path: ['sizes', index, 'name'],
          message: `"${size.name}" is used twice`,
        });
      }
      seen.add(size.name);
    });
  });

/** A validated rendition profile (crop defaulted to 'none'). */
export type RenditionProfile = z.output<typeof RenditionProfileSchema>;

/** One size of a {@link RenditionProfile}. */
export type RenditionSize = RenditionProfile['sizes'][number];

/** What a profile may be written as (crop optional). */
export type RenditionProfileInput = z.input<typeof RenditionProfileSchema>;

const BOTH = ['jpeg', 'webp'] as const;

/**
 * The profile before profiles were configurable: 4 widths x (JPEG, WebP), eight
 * renditions. `make bench` compares against it; {@link DEFAULT_RENDITION_PROFILE} adds the square.
 */
export const CLASSIC_RENDITION_PROFILE: RenditionProfile = deepFreeze({
  sizes: [
    { name: 'thumb', width: 150, formats: [...BOTH], crop: 'none' },
    { name: 'small', width: 480, formats: [...BOTH], crop: 'none' },
    { name: 'medium', width: 1024, formats: [...BOTH], crop: 'none' },
    { name: 'large', width: 2048, formats: [...BOTH], crop: 'none' },
  ],
});

/** Side of the default square crop, in pixels: a gallery cell up to 160 CSS px at 2x density. */
export const SQUARE_WIDTH = 320;

/**
 * The default profile: {@link CLASSIC_RENDITION_PROFILE}'s eight renditions, then
 * a `square` size (320 x 320, JPEG and WebP) cropped around the subject for
 * gallery grids. AVIF is off until a profile lists it.
 */
export const DEFAULT_RENDITION_PROFILE: RenditionProfile = deepFreeze({
  sizes: [
    ...CLASSIC_RENDITION_PROFILE.sizes,
    { name: 'square', width: SQUARE_WIDTH, formats: [...BOTH], crop: 'square-attention' },
  ],
});

/**
 * Validates a profile (an object, or its JSON text as RENDITION_PROFILE holds it).
 * `undefined`, `null` or an empty string give {@link DEFAULT_RENDITION_PROFILE}.
 *
 * @throws {RenditionProfileError} naming every problem with its path (`sizes[2].width must be at most 8192 px`).
 */
export function parseRenditionProfile(input: unknown): RenditionProfile {
  if (input === undefined || input === null || input === '' || input === 'null')
    return DEFAULT_RENDITION_PROFILE;
  let value = input;
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input);
    } catch (error) {
      throw new RenditionProfileError(
        `rendition profile is not valid JSON: ${(error as Error).message}`,
        [],
        {
          cause: error,
        },
      );
    }
  }
  const parsed = RenditionProfileSchema.safeParse(value);
  if (parsed.success) return deepFreeze(parsed.data);
  const problems = parsed.error.issues.map((issue) => `${pathOf(issue.path)} ${issue.message}`.trim());
  throw new RenditionProfileError(`Invalid rendition profile: ${problems.join('; ')}`, problems, {
    cause: parsed.error,
  });
}

function pathOf(path: readonly PropertyKey[]): string {
  return path
    .map((part, i) => (typeof part === 'number' ? `[${part}]` : `${i > 0 ? '.' : ''}${String(part)}`))
    .join('');
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
