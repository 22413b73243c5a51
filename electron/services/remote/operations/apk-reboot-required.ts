/**
 * Whether an Alpine host asks for a reboot. apk has no reboot signal of its own, so this reads
 * exactly what the collector reads on an apk host and decides the same way
 * (`assessLinuxReboot`): a reboot-required flag file, and the running kernel against the
 * installed ones. On Alpine a `linux-lts` or `linux-virt` upgrade replaces
 * `/lib/modules/<old release>` with the new one, so a running release older than the newest
 * modules folder means a reboot; a host with no kernel of its own (a container) has nothing to
 * compare and is "not measured" (`required: null`), never a guessed "no".
 */
import { LINUX_REBOOT_PROBE_FUNCTIONS } from '../../collect/collectors/linux-collector.script';
import { assessLinuxReboot } from '../../collect/collectors/linux-reboot';
import type { CollectedSection } from '../../collect/collectors/linux-sections.parser';
import { runOn, type OperationContext } from './operation-context';
import type { FamilyRebootRequirement } from './package-transaction';

const MARK = '@@pd-reboot@@';

/** The collector's own probe functions, each answer after a marker line. */
export const APK_REBOOT_PROBE = `${LINUX_REBOOT_PROBE_FUNCTIONS}\necho '${MARK} kernel-release'; uname -r; echo '${MARK} kernels'; pd_kernels; echo '${MARK} reboot-files'; pd_reboot; true`;

/** Reads the probe's answer as the collector's sections and judges it the collector's way. */
export function parseApkRebootProbe(stdout: string): FamilyRebootRequirement {
  const sections = new Map<string, CollectedSection>();
  let current: CollectedSection | null = null;
  for (const line of stdout.split('\n')) {
    if (line.startsWith(`${MARK} `)) {
      current = { name: line.slice(MARK.length + 1).trim(), exitCode: 0, stdout: '', stderr: '' };
      sections.set(current.name, current);
    } else if (current) current.stdout += `${line}\n`;
  }
  const running = sections.get('kernel-release')?.stdout.trim() ?? '';
  const verdict = assessLinuxReboot(sections, 'alpine', running);
  const packages = verdict.required === true ? [...new Set((sections.get('reboot-files')?.stdout ?? '').split('\n').filter((line) => line.startsWith('pkg ')).map((line) => line.slice(4).trim()))] : [];
  const kernel = verdict.required === true && packages.length === 0 && /running kernel/.test(verdict.reason) ? ['kernel'] : [];
  return { required: verdict.required, packages: [...packages, ...kernel], source: `as the collector reads it: ${verdict.reason}` };
}

/** Asks the host. */
export async function readApkRebootRequired(context: OperationContext, timeoutMs = 30_000): Promise<FamilyRebootRequirement> {
  const output = await runOn(context, APK_REBOOT_PROBE, { timeoutMs });
  return parseApkRebootProbe(output.stdout);
}
