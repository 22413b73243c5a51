import { z } from 'zod';

/** Where and how the running instance serves the contract. */
export const AppInfo = z.object({
  version: z.string(),
  mode: z.enum(['desktop', 'browser', 'cli']),
  dataDir: z.string(),
  /** The name recorded in the audit trail for changes made in this session. */
  actor: z.string(),
  schemaVersion: z.number().int(),
});
export type AppInfo = z.infer<typeof AppInfo>;
