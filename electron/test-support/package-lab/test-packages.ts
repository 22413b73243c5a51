/**
 * The lab's own small Debian packages, each at 1.0 (installed on every host) and 1.1 (available
 * from the lab repository), chosen to exercise what real upgrades do: a plain upgrade, a failing
 * maintainer script, a package that asks for a reboot, a locally modified conffile, and an
 * upgrade that breaks a health check.
 */
import { appendFileSync, chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { runTool } from '../ssh-lab/run-tool';

/** One file a package version installs. */
interface PackageFile {
  path: string;
  content: string;
  mode?: number;
}

/** One version of a lab package. */
export interface LabPackageVersion {
  name: string;
  version: string;
  description: string;
  files: PackageFile[];
  /** Paths under /etc that dpkg treats as conffiles. */
  conffiles?: string[];
  postinst?: string;
}

/** The versions installed on every host. */
export const INSTALLED_VERSION = '1.0';
/** The versions the lab repository offers as updates. */
export const UPDATE_VERSION = '1.1';

/** The lab package names, each installed at 1.0 with 1.1 pending. */
export const LAB_PACKAGES = ['lab-hello', 'lab-postinst-fails', 'lab-needs-reboot', 'lab-conffile', 'lab-breaks-check'] as const;
/** One of `LAB_PACKAGES`. */
export type LabPackageName = (typeof LAB_PACKAGES)[number];

/** The conffile of lab-conffile, modified on every host so an upgrade meets dpkg's prompt. */
export const LAB_CONFFILE = '/etc/lab-conffile.conf';
/** The health check lab-breaks-check ships: exits 0 at 1.0 and 1 at 1.1. */
export const LAB_HEALTH_CHECK = '/usr/bin/lab-breaks-check-health';

const versionFile = (name: string, version: string): PackageFile => ({ path: `/usr/share/${name}/version`, content: `${version}\n` });

/** Every package version the repository holds. */
export function labPackageVersions(): LabPackageVersion[] {
  const versions: LabPackageVersion[] = [];
  for (const version of [INSTALLED_VERSION, UPDATE_VERSION]) {
    const update = version === UPDATE_VERSION;
    versions.push({ name: 'lab-hello', version, description: 'Patchdesk lab: a plain upgrade', files: [versionFile('lab-hello', version)] });
    versions.push({
      name: 'lab-postinst-fails',
      version,
      description: 'Patchdesk lab: its 1.1 postinst fails',
      files: [versionFile('lab-postinst-fails', version)],
      ...(update ? { postinst: '#!/bin/sh\necho "lab-postinst-fails: configuration failed on purpose" >&2\nexit 1\n' } : {}),
    });
    versions.push({
      name: 'lab-needs-reboot',
      version,
      description: 'Patchdesk lab: its 1.1 asks for a reboot like a kernel',
      files: [versionFile('lab-needs-reboot', version)],
      ...(update ? { postinst: '#!/bin/sh\nset -e\ntouch /run/reboot-required\necho lab-needs-reboot >> /run/reboot-required.pkgs\n' } : {}),
    });
    versions.push({
      name: 'lab-conffile',
      version,
      description: 'Patchdesk lab: ships a conffile the host has modified',
      files: [versionFile('lab-conffile', version), { path: LAB_CONFFILE, content: `# lab-conffile ${version}\nsetting=${version}\n` }],
      conffiles: [LAB_CONFFILE],
    });
    versions.push({
      name: 'lab-breaks-check',
      version,
      description: 'Patchdesk lab: its 1.1 makes the health check fail',
      files: [versionFile('lab-breaks-check', version), { path: LAB_HEALTH_CHECK, content: `#!/bin/sh\n# lab-breaks-check ${version}\nexit ${update ? 1 : 0}\n`, mode: 0o755 }],
    });
  }
  return versions;
}

function controlText(pkg: LabPackageVersion): string {
  return [`Package: ${pkg.name}`, `Version: ${pkg.version}`, 'Architecture: all', 'Maintainer: Patchdesk lab <lab@patchdesk.invalid>', 'Section: misc', 'Priority: optional', `Description: ${pkg.description}`, ''].join('\n');
}

/** Builds one .deb into `poolDir`; returns its file name. */
async function buildDeb(pkg: LabPackageVersion, poolDir: string, workDir: string): Promise<string> {
  const root = join(workDir, `${pkg.name}_${pkg.version}`);
  mkdirSync(join(root, 'DEBIAN'), { recursive: true });
  writeFileSync(join(root, 'DEBIAN', 'control'), controlText(pkg));
  if (pkg.conffiles) writeFileSync(join(root, 'DEBIAN', 'conffiles'), `${pkg.conffiles.join('\n')}\n`);
  if (pkg.postinst) {
    writeFileSync(join(root, 'DEBIAN', 'postinst'), pkg.postinst);
    chmodSync(join(root, 'DEBIAN', 'postinst'), 0o755);
  }
  for (const file of pkg.files) {
    const target = join(root, file.path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, file.content);
    chmodSync(target, file.mode ?? 0o644);
  }
  const name = `${pkg.name}_${pkg.version}_all.deb`;
  await runTool('dpkg-deb', ['--root-owner-group', '-Zgzip', '-b', root, join(poolDir, name)]);
  return name;
}

/**
 * Writes a flat apt repository of every lab package version into `repoDir` (pool/, Packages,
 * Release). `--multiversion` keeps both versions of each package in the index; the Release file
 * is written beside the tree and moved in, since writing it in place makes it list itself.
 */
export async function buildDebRepository(repoDir: string): Promise<void> {
  const workDir = mkdtempSync(join(tmpdir(), 'patchdesk-lab-debs-'));
  try {
    rmSync(repoDir, { recursive: true, force: true });
    const poolDir = join(repoDir, 'pool');
    mkdirSync(poolDir, { recursive: true });
    for (const pkg of labPackageVersions()) await buildDeb(pkg, poolDir, workDir);
    const { stdout: packages } = await runTool('sh', ['-c', 'cd "$1" && dpkg-scanpackages --multiversion pool /dev/null 2>/dev/null', 'sh', repoDir]);
    writeFileSync(join(repoDir, 'Packages'), packages);
    const { stdout: release } = await runTool('apt-ftparchive', ['-o', 'APT::FTPArchive::Release::Origin=Patchdesk lab', '-o', 'APT::FTPArchive::Release::Label=Patchdesk lab', '-o', 'APT::FTPArchive::Release::Suite=lab', 'release', repoDir]);
    writeFileSync(join(repoDir, 'Release'), release);
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

/** Appends the admin's local edit to the lab conffile in `root`, so an upgrade meets the conffile rules of its family. */
export function modifyLabConffile(root: string): void {
  appendFileSync(join(root, LAB_CONFFILE), 'local_change=made by the admin\n');
}
