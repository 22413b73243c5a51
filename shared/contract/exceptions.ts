import { z } from 'zod';
import { EXCEPTION_SCOPE_KINDS, EXCEPTION_STATUSES } from '../domain/sla/exception-status';
import { Id, IsoTimestamp, NonEmptyText } from './common';

/** What an exception covers (see shared/domain/sla/exception-status.ts). */
export const ExceptionScopeSchema = z
  .object({ kind: z.enum(EXCEPTION_SCOPE_KINDS), assetId: Id.nullable().default(null), value: z.string().trim().max(300).default('') })
  .superRefine((scope, context) => {
    if (scope.kind === 'asset' && scope.assetId === null) context.addIssue({ code: 'custom', path: ['assetId'], message: 'an asset exception names its asset' });
    if (scope.kind !== 'asset' && scope.value === '') context.addIssue({ code: 'custom', path: ['value'], message: `a ${scope.kind} exception names the ${scope.kind}` });
  });

/** A day (`2026-12-31`, the end of that day in the site's time zone) or an exact instant. */
const DayOrInstant = z.string().trim().refine((value) => /^\d{4}-\d{2}-\d{2}$/.test(value) || !Number.isNaN(Date.parse(value)), 'expected a date (YYYY-MM-DD) or an ISO timestamp');

export const ExceptionCreate = z.object({
  siteId: Id,
  scope: ExceptionScopeSchema,
  reason: NonEmptyText(2000),
  compensatingControls: z.string().trim().max(4000).default(''),
  owner: NonEmptyText(200),
  approver: z.string().trim().max(200).default(''),
  /** Defaults to now. */
  startsAt: DayOrInstant.optional(),
  expiresAt: DayOrInstant,
  remediationDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD').optional(),
});
export type ExceptionCreate = z.input<typeof ExceptionCreate>;

export const ExceptionRecord = z.object({
  id: Id,
  siteId: Id,
  scope: z.object({ kind: z.enum(EXCEPTION_SCOPE_KINDS), assetId: Id.nullable(), value: z.string() }),
  assetName: z.string(),
  reason: z.string(),
  compensatingControls: z.string(),
  owner: z.string(),
  approver: z.string(),
  startsAt: IsoTimestamp,
  expiresAt: IsoTimestamp,
  remediationDate: z.string().nullable(),
  closedAt: IsoTimestamp.nullable(),
  closeReason: z.string(),
  renewsId: Id.nullable(),
  renewedById: Id.nullable(),
  status: z.enum(EXCEPTION_STATUSES),
  createdAt: IsoTimestamp,
  createdBy: z.string(),
});
export type ExceptionRecord = z.infer<typeof ExceptionRecord>;

export const ExceptionClose = z.object({ id: Id, reason: NonEmptyText(1000) });
export const ExceptionRenew = z.object({ id: Id, expiresAt: DayOrInstant, reason: NonEmptyText(2000) });
