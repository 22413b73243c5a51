import { z } from 'zod';
import { Id } from './common';

/**
 * What a committed write changed, coarsely: the screens that show it refresh the reads of that
 * topic. Policy covers a site's patch policy (tiers, SLAs); patch-status covers collection runs,
 * host results and host keys; credentials covers the vault too; jobs covers the long jobs of every
 * process (started, progressed as stored, cancel requested, ended, interrupted).
 */
export const ChangeTopic = z.enum(['sites', 'policy', 'assets', 'scans', 'patch-status', 'credentials', 'exceptions', 'cycles', 'evidence', 'jobs', 'intel', 'rollouts']);
export type ChangeTopic = z.infer<typeof ChangeTopic>;

/**
 * The `data:changed` push: after writes committed by this process or another one on the same
 * data folder (the CLI included), which topics of which site changed. `siteId` is null for what
 * belongs to no site (installation-wide credentials, the vault, branding, the signing key).
 * `seq` counts the notices of the serving process from 1 without gaps, so a client that sees a
 * jump (or a smaller number: the server restarted) knows it missed some and reads everything again.
 */
export const DataChangedEvent = z.object({
  seq: z.number().int().positive(),
  siteId: Id.nullable(),
  topics: z.array(ChangeTopic).min(1),
});
export type DataChangedEvent = z.infer<typeof DataChangedEvent>;
