import { z } from 'zod';

/** A database row id: a positive integer. */
export const Id = z.number().int().positive();
export type Id = z.infer<typeof Id>;

/** An ISO-8601 UTC timestamp as stored and exchanged everywhere (`2026-11-22T10:00:00.000Z`). */
export const IsoTimestamp = z.string().datetime({ offset: true });
export type IsoTimestamp = z.infer<typeof IsoTimestamp>;

/** A calendar date (`2026-11-22`), used where a day matters rather than an instant. */
export const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD');
export type IsoDate = z.infer<typeof IsoDate>;

/** A trimmed, non-empty single-line text of bounded length. */
export const NonEmptyText = (max = 200) =>
  z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max} characters`)
    .refine((value) => !/[\r\n]/.test(value), 'must be a single line');

/** Optional free text (may be empty), bounded. */
export const OptionalText = (max = 2000) => z.string().max(max, `must be at most ${max} characters`).default('');


/**
 * Error codes every transport returns. They are stable: the renderer decides what to show from
 * the code, and the CLI maps them to exit codes.
 */
export const ErrorCode = z.enum([
  'bad_request',
  'unauthorized',
  'not_found',
  'conflict',
  'needs_confirmation',
  'cancelled',
  'unavailable',
  /** The data folder cannot be written: read-only, no permission, or the disk is full. */
  'storage',
  'internal',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

/** The error half of every response. `message` names what was wrong and where. */
export const ApiError = z.object({
  code: ErrorCode,
  message: z.string(),
  /** Field-level problems, for forms: path such as `networks.2`, and what is wrong there. */
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
export type ApiError = z.infer<typeof ApiError>;

/** What every transport returns for every call. Thrown errors never cross a boundary raw. */
export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/** An empty request or response body. */
export const Empty = z.object({}).strict();
export type Empty = z.infer<typeof Empty>;

/**
 * A string schema that must satisfy `check`; the message is built from the offending value, so it
 * names what was wrong (zod 4's refine takes only a fixed message).
 */
export const checkedString = (check: (value: string) => boolean, message: (value: string) => string) =>
  z
    .string()
    .trim()
    .superRefine((value, context) => {
      if (!check(value)) context.addIssue({ code: 'custom', message: message(value) });
    });
