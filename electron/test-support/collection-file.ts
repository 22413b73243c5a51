/** Offline collection files for tests, built from the parser fixtures. */
import { readFileSync } from 'node:fs';

const fixture = (name: string): string => readFileSync(new URL(`../services/collect/parsers/fixtures/${name}`, import.meta.url), 'utf8');

/** An offline collection file as the Linux collect script writes it, for a host named `hostname`. */
export function collectionFile(hostname: string): string {
  const id = 'f00d';
  const sections: [string, string, number][] = [
    ['os-release', 'NAME="Rocky Linux"\nVERSION_ID="8.10"\nID="rocky"\nPRETTY_NAME="Rocky Linux 8.10 (Green Obsidian)"\n', 0],
    ['kernel-release', '4.18.0-553.el8_10.x86_64\n', 0],
    ['machine', 'x86_64\n', 0],
    ['hostname', `${hostname}\n`, 0],
    ['uptime', '86400.52 170000.11\n', 0],
    ['package-manager', 'dnf\n', 0],
    ['check-update', fixture('osconfig_rocky-8.yum-check-update.stdout'), 100],
    ['updateinfo', fixture('handmade_rocky-8.dnf-updateinfo-list-security.stdout'), 0],
    ['rpm-query', fixture('handmade_rhel-9.rpm-qa-queryformat-tab.stdout'), 0],
    ['kernels', 'boot 4.18.0-553.el8_10.x86_64\nmodules 4.18.0-553.el8_10.x86_64\n', 0],
    ['reboot-files', '', 0],
    ['metadata-time', '1764000000\n', 0],
    ['last-patch', '1763000000\n', 0],
    ['needs-restarting', '', 0],
  ];
  const body = sections.map(([name, stdout, exit]) => `\n=== patchdesk section=${name} exit=${exit} run=${id} ===\n${stdout}`).join('');
  return `# patchdesk-collection v1 platform=linux run=${id}\n${body}\n=== patchdesk end run=${id} ===\n`;
}
