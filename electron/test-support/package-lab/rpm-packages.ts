/**
 * The lab packages as RPMs, for the dnf and zypper hosts: the same five packages at 1.0 and 1.1
 * (release 1) as the Debian ones, a `lab-release` package that gives rpm what a Debian root lacks
 * (execution.md §7 pitfall 3: `/bin/sh` and the release version are not in the rpmdb), and an
 * updateinfo.xml with the lab's advisories. Built with Debian's rpmbuild and createrepo_c inside
 * the dnf layer's root, never on this machine.
 */
import { chmodSync, cpSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { inRoot } from './apt-layer';
import { INSTALLED_VERSION, labPackageVersions, UPDATE_VERSION, type LabPackageVersion } from './test-packages';

/** The release of every lab RPM. */
export const RPM_RELEASE = '1';
/** `version-release` of the installed and the pending lab RPMs. */
export const RPM_INSTALLED = `${INSTALLED_VERSION}-${RPM_RELEASE}`;
export const RPM_UPDATE = `${UPDATE_VERSION}-${RPM_RELEASE}`;
/** The package that stands in for the distribution's release package. */
export const LAB_RELEASE_PACKAGE = 'lab-release';

/** One advisory of the lab repository's updateinfo.xml. */
export interface LabAdvisory {
  id: string;
  type: 'security' | 'bugfix';
  severity: 'Critical' | 'Important' | 'Moderate' | 'Low';
  title: string;
  cve?: string;
  rebootSuggested: boolean;
  packages: string[];
}

/** The advisories for the 1.1 packages; lab-needs-reboot's asks for a reboot, as a kernel's would. */
export const LAB_ADVISORIES: readonly LabAdvisory[] = [
  { id: 'PDLAB-2026:0001', type: 'security', severity: 'Important', title: 'lab-hello security update', cve: 'CVE-2026-0001', rebootSuggested: false, packages: ['lab-hello'] },
  { id: 'PDLAB-2026:0002', type: 'security', severity: 'Important', title: 'lab-needs-reboot security update', cve: 'CVE-2026-0002', rebootSuggested: true, packages: ['lab-needs-reboot'] },
  { id: 'PDLAB-2026:0003', type: 'bugfix', severity: 'Moderate', title: 'lab bug fixes', rebootSuggested: false, packages: ['lab-postinst-fails', 'lab-conffile', 'lab-breaks-check'] },
];

/**
 * The %post body of a package, or null. The Debian packages' postinst scripts are shell; RPM
 * runs the same body. lab-needs-reboot's Debian postinst writes /run/reboot-required, a Debian
 * convention: on RPM hosts it asks through `installhint(reboot-needed)` instead (libzypp's flag).
 */
function rpmPost(pkg: LabPackageVersion): string | null {
  if (!pkg.postinst || pkg.name === 'lab-needs-reboot') return null;
  return pkg.postinst.replace(/^#!.*\n/, '');
}

/** The spec of one lab package version; its files are copied from `treeDir` at %install. */
export function rpmSpec(pkg: LabPackageVersion, treeDir: string): string {
  const post = rpmPost(pkg);
  const files = pkg.files.map((file) => ((pkg.conffiles ?? []).includes(file.path) ? `%config(noreplace) ${file.path}` : file.path));
  return [
    `Name: ${pkg.name}`,
    `Version: ${pkg.version}`,
    `Release: ${RPM_RELEASE}`,
    `Summary: ${pkg.description}`,
    'License: MIT',
    'BuildArch: noarch',
    'AutoReqProv: no',
    ...(pkg.name === 'lab-needs-reboot' && pkg.version === UPDATE_VERSION ? ['Provides: installhint(reboot-needed)'] : []),
    '',
    '%description',
    pkg.description,
    '',
    '%install',
    `cp -a ${treeDir}/. %{buildroot}/`,
    '',
    ...(post ? ['%post', post.trimEnd(), ''] : []),
    '%files',
    '%defattr(-,root,root,-)',
    ...files,
    '',
  ].join('\n');
}

/** lab-release: what rpm must see provided before anything with a scriptlet installs. */
export function labReleaseSpec(): string {
  return [
    `Name: ${LAB_RELEASE_PACKAGE}`,
    'Version: 9.4',
    `Release: ${RPM_RELEASE}`,
    'Summary: Patchdesk lab: the release package of an EL9-like host',
    'License: MIT',
    'BuildArch: noarch',
    'AutoReqProv: no',
    'Provides: /bin/sh',
    'Provides: system-release',
    'Provides: system-release(releasever) = 9',
    '',
    '%description',
    'Tells rpm and dnf that this Debian root has a shell and is release 9.',
    '',
    '%files',
    '',
  ].join('\n');
}

const xml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The repository's updateinfo.xml: one `<update>` per advisory, for the 1.1 RPMs. */
export function updateInfoXml(advisories: readonly LabAdvisory[] = LAB_ADVISORIES): string {
  const updates = advisories.map((advisory) => {
    const packages = advisory.packages
      .map((name) => `        <package name="${xml(name)}" version="${UPDATE_VERSION}" release="${RPM_RELEASE}" epoch="0" arch="noarch"><filename>${xml(name)}-${RPM_UPDATE}.noarch.rpm</filename>${advisory.rebootSuggested ? '<reboot_suggested>True</reboot_suggested>' : ''}</package>`)
      .join('\n');
    const reference = advisory.cve ? `\n    <references><reference href="https://patchdesk.invalid/${advisory.cve}" id="${advisory.cve}" type="cve" title="${advisory.cve}"/></references>` : '\n    <references/>';
    return `  <update from="lab@patchdesk.invalid" status="stable" type="${advisory.type}" version="1">
    <id>${xml(advisory.id)}</id>
    <title>${xml(advisory.title)}</title>
    <issued date="2026-12-01 00:00:00"/>
    <severity>${advisory.severity}</severity>
    <description>${xml(advisory.title)} (Patchdesk lab)</description>${reference}${advisory.rebootSuggested ? '\n    <reboot_suggested>True</reboot_suggested>' : ''}
    <pkglist>
      <collection short="lab">
        <name>Patchdesk lab</name>
${packages}
      </collection>
    </pkglist>
  </update>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<updates>\n${updates.join('\n')}\n</updates>\n`;
}

/**
 * Builds every lab RPM inside `root` (which has rpmbuild and createrepo_c) into the repository
 * folder mounted at `repoInRoot`, then writes its metadata and advisories.
 */
export async function buildRpmRepository(root: string, repoInRoot: string): Promise<void> {
  const work = '/tmp/patchdesk-lab-rpm';
  const workOnHost = join(root, work);
  rmSync(workOnHost, { recursive: true, force: true });
  mkdirSync(join(workOnHost, 'SPECS'), { recursive: true });
  const specs: string[] = [];
  for (const pkg of labPackageVersions()) {
    const tree = `${work}/trees/${pkg.name}-${pkg.version}`;
    for (const file of pkg.files) {
      const target = join(root, tree, file.path);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, file.content);
      chmodSync(target, file.mode ?? 0o644);
    }
    const spec = `${work}/SPECS/${pkg.name}-${pkg.version}.spec`;
    writeFileSync(join(root, spec), rpmSpec(pkg, tree));
    specs.push(spec);
  }
  writeFileSync(join(root, work, 'SPECS/lab-release.spec'), labReleaseSpec());
  specs.push(`${work}/SPECS/lab-release.spec`);
  writeFileSync(join(root, work, 'updateinfo.xml'), updateInfoXml());
  // No brp scripts (they want `file` and strip, and there is nothing to strip in noarch text).
  const defines = `--define '_topdir ${work}' --define '__os_install_post %{nil}' --define '_build_id_links none'`;
  await inRoot(root, `set -e; for spec in ${specs.join(' ')}; do rpmbuild -bb --quiet ${defines} "$spec" >/dev/null 2>&1 || { rpmbuild -bb ${defines} "$spec" >&2; exit 1; }; done`);
  const repoOnHost = join(root, repoInRoot);
  for (const entry of readdirSync(repoOnHost)) rmSync(join(repoOnHost, entry), { recursive: true, force: true });
  cpSync(join(workOnHost, 'RPMS/noarch'), repoOnHost, { recursive: true });
  await inRoot(root, `createrepo_c -q ${repoInRoot} && modifyrepo_c --mdtype=updateinfo ${work}/updateinfo.xml ${repoInRoot}/repodata >/dev/null`);
  rmSync(workOnHost, { recursive: true, force: true });
}

/**
 * Points rpm at /var/lib/rpm and creates the database, before anything is installed. Debian's rpm
 * keeps its database in `~/.rpmdb` (execution.md §7 pitfall 2), where dnf, zypper and `rpm -q`
 * would each see a different one.
 */
export async function prepareRpmDatabase(root: string): Promise<void> {
  mkdirSync(join(root, 'etc/rpm'), { recursive: true });
  writeFileSync(join(root, 'etc/rpm/macros'), '# Patchdesk lab: one rpm database for rpm, dnf and zypper\n%_dbpath /var/lib/rpm\n');
  await inRoot(root, 'mkdir -p /var/lib/rpm && rpm --initdb');
}

/** `name-version-release` of each lab package at `versionRelease`. */
export function labRpmSpecs(names: readonly string[], versionRelease: string): string[] {
  return names.map((name) => `${name}-${versionRelease}`);
}

