/**
 * Decides whether a Linux host waits for a reboot, from every indicator the script gathered:
 * reboot-required files, `needs-restarting -r`, `zypper needs-rebooting`, `needrestart -b` and
 * the running kernel against the newest installed one. Any positive indicator wins; "not
 * required" needs at least one indicator that can say so, otherwise the answer is unknown.
 */
import { rpmvercmp } from '../../../../shared/domain/versions';
import type { CollectedSection } from './linux-sections.parser';

/** The verdict and the human-readable evidence behind it. */
export interface RebootAssessment {
  required: boolean | null;
  reason: string;
  warnings: string[];
}

interface Evidence {
  positive: string[];
  negative: string[];
  warnings: string[];
}

/** Combines the reboot indicators of one collection. */
export function assessLinuxReboot(sections: Map<string, CollectedSection>, osId: string, runningKernel: string): RebootAssessment {
  const e: Evidence = { positive: [], negative: [], warnings: [] };
  readRebootFiles(sections.get('reboot-files'), osId, e);
  readExitIndicator(sections.get('needs-restarting'), 'needs-restarting -r', 1, e);
  readExitIndicator(sections.get('zypper-needs-rebooting'), 'zypper needs-rebooting', 102, e);
  readNeedrestart(sections.get('needrestart'), e);
  readKernels(sections.get('kernels'), runningKernel, e);
  if (e.positive.length > 0) return { required: true, reason: e.positive.join('; '), warnings: e.warnings };
  if (e.negative.length > 0) return { required: false, reason: e.negative.join('; '), warnings: e.warnings };
  return { required: null, reason: 'no reboot indicator could be checked', warnings: e.warnings };
}

function readRebootFiles(section: CollectedSection | undefined, osId: string, e: Evidence): void {
  if (!section) return;
  const lines = section.stdout.split('\n');
  const files = lines.filter((l) => l.startsWith('file ')).map((l) => l.slice(5).trim());
  const pkgs = [...new Set(lines.filter((l) => l.startsWith('pkg ')).map((l) => l.slice(4).trim()).filter(Boolean))];
  if (files.length > 0) {
    e.positive.push(`${files[0]} exists${pkgs.length > 0 ? ` (${pkgs.slice(0, 10).join(', ')}${pkgs.length > 10 ? ', ...' : ''})` : ''}`);
  } else if (osId === 'ubuntu') {
    // Ubuntu's update-notifier always writes the file; plain Debian often does not.
    e.negative.push('no /var/run/reboot-required');
  }
}

function readExitIndicator(section: CollectedSection | undefined, label: string, rebootExit: number, e: Evidence): void {
  if (!section) return;
  if (section.exitCode === rebootExit) e.positive.push(`${label} reports a reboot is required`);
  else if (section.exitCode === 0) e.negative.push(`${label}: no reboot needed`);
  else e.warnings.push(`${label} failed (exit ${section.exitCode}); its reboot verdict is unknown`);
}

function readNeedrestart(section: CollectedSection | undefined, e: Evidence): void {
  if (!section) return;
  const value = (key: string) => new RegExp(`^NEEDRESTART-${key}:\\s*(.*)$`, 'm').exec(section.stdout)?.[1]?.trim() ?? '';
  const status = value('KSTA');
  if (status === '2' || status === '3') e.positive.push(`needrestart: running kernel ${value('KCUR')}, expected ${value('KEXP')}`);
  else if (status === '1') e.negative.push('needrestart: kernel is current');
}

function readKernels(section: CollectedSection | undefined, running: string, e: Evidence): void {
  if (!section || running === '') return;
  const entries = section.stdout.split('\n').map((l) => /^(boot|modules) (\d\S*)$/.exec(l.trim())).filter((m) => m !== null);
  const fromBoot = entries.filter((m) => m[1] === 'boot').map((m) => m[2] ?? '');
  const all = fromBoot.length > 0 ? fromBoot : entries.map((m) => m[2] ?? '');
  if (all.length === 0) return;
  // Several flavours can be installed side by side (-amd64 and -cloud-amd64); compare like with like.
  const flavour = kernelFlavour(running);
  const sameFlavour = flavour === null ? [] : all.filter((k) => kernelFlavour(k) === flavour);
  const candidates = sameFlavour.length > 0 ? sameFlavour : all;
  const newest = candidates.reduce((a, b) => (rpmvercmp(b, a) > 0 ? b : a));
  if (newest !== running && rpmvercmp(newest, running) > 0) e.positive.push(`running kernel ${running}, newest installed ${newest}`);
  else if (candidates.includes(running)) e.negative.push(`running kernel ${running} is the newest installed`);
}

function kernelFlavour(release: string): string | null {
  const rest = release.replace(/^\d+(?:\.\d+)*(?:-\d+)?/, '');
  return /^-[a-z][a-z0-9-]*$/.test(rest) ? rest : null;
}
