/** Runs the `patchdesk` CLI in-process for a test and captures what it prints. */
import { runCli } from '../cli/main';
import type { SecretReader } from '../cli/secret-input';

/** What one CLI run printed and returned. */
export interface CliRun {
  code: number;
  out: string;
  err: string;
}

/**
 * `patchdesk --data-dir DIR ARGS...`, with the secrets a prompt would ask for answered in order
 * (a prompt with none left fails the test). Resets `process.exitCode`, which commands may set.
 */
export async function runCliCapturing(dataDir: string, args: readonly string[], secrets: readonly string[] = []): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const queue = [...secrets];
  const reader = (): SecretReader => ({
    read: async (prompt: string) => {
      const next = queue.shift();
      if (next === undefined) throw new Error(`no secret left for ${prompt}`);
      return next;
    },
  });
  const code = await runCli(['--data-dir', dataDir, ...args], { out: (line) => out.push(line), err: (line) => err.push(line) }, reader);
  process.exitCode = undefined;
  return { code, out: out.join('\n'), err: err.join('\n') };
}
