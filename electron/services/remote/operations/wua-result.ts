/**
 * Parses the `result.json` the WUA task writes (see `wua-task-script.ts`). Windows PowerShell
 * 5.1's ConvertTo-Json writes a one-element collection as a bare object, so lists accept both.
 */
import { z } from 'zod';

const list = <T extends z.ZodType>(item: T) => z.preprocess((value) => (value === null || value === undefined ? [] : Array.isArray(value) ? value : [value]), z.array(item));
const int = z.number().int();

const updateRecord = z.object({
  updateId: z.string(),
  revision: int,
  kbs: list(z.string()),
  title: z.string(),
  isInstalled: z.boolean(),
  isUninstallable: z.boolean(),
  rebootBehavior: int,
  downloadResultCode: int.nullable(),
  downloadHResult: int.nullable(),
  resultCode: int.nullable(),
  hresult: int.nullable(),
  rebootRequired: z.boolean(),
  exitCode: int.nullable(),
  action: z.enum(['none', 'install', 'uninstall', 'not_uninstallable']),
});

const taskResult = z.object({
  format: z.literal(1),
  round: int,
  mode: z.enum(['search', 'install', 'uninstall', 'installed']),
  status: z.enum(['ok', 'reboot_pending', 'error']),
  error: z.string().nullable(),
  hresult: int.nullable(),
  rebootPendingBefore: z.boolean(),
  rebootRequired: z.boolean(),
  rebootSignals: z.object({ systemInfo: z.boolean(), cbsRebootPending: z.boolean(), wuRebootRequired: z.boolean() }),
  updates: list(updateRecord),
});

/** One update as the task found it and what happened to it. */
export type WuaUpdateRecord = z.infer<typeof updateRecord>;
/** One round's result file. */
export type WuaTaskResult = z.infer<typeof taskResult>;

/** The parsed result, or a message saying what in it is wrong. */
export function parseWuaTaskResult(text: string): { ok: true; value: WuaTaskResult } | { ok: false; message: string } {
  let json: unknown;
  try {
    // A UTF-8 byte-order mark would break JSON.parse; the script writes none, Windows tools may.
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return { ok: false, message: 'result.json is not JSON' };
  }
  const parsed = taskResult.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, message: `result.json: ${issue ? `${issue.path.join('.') || '(top)'}: ${issue.message}` : 'unexpected shape'}` };
  }
  return { ok: true, value: parsed.data };
}
