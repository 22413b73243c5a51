/** The audit log's integrity check (`patchdesk verify --log`). */
import { z } from 'zod';

/** Whether every row's hash chains to the one before; the first broken row otherwise. */
export const AuditVerification = z.object({
  intact: z.boolean(),
  entries: z.number().int().nonnegative(),
  brokenAtId: z.number().int().nullable(),
  reason: z.string().nullable(),
});
export type AuditVerification = z.infer<typeof AuditVerification>;
