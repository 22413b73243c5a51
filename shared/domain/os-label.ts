/**
 * The operating system as one line of text. Collectors store the OS's own name, which often
 * already carries the version (`Debian GNU/Linux 12 (bookworm)` with version `12`), so joining the
 * two blindly prints the version twice. Every surface (screens, CLI, PDF, CSV) uses this.
 */

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * `Debian GNU/Linux 12 (bookworm)` for name `Debian GNU/Linux 12 (bookworm)` and version `12`;
 * `Windows Server 2022 21H2` for name `Windows Server 2022` and version `21H2`. The version is
 * left out when the name already holds it as a whole token (`22.04` in `Ubuntu 22.04.5 LTS`, not
 * `1` in `Windows 11`). Empty when both are empty.
 */
export function osLabel(osName: string, osVersion = ''): string {
  const name = osName.trim();
  const version = osVersion.trim();
  if (name === '') return version;
  if (version === '') return name;
  const holds = new RegExp(`(^|[^0-9A-Za-z])${escapeRegExp(version)}(?![0-9A-Za-z])`, 'i').test(name);
  return holds ? name : `${name} ${version}`;
}
