import { describe, expect, it } from 'vitest';
import { pacmanInstallScript, pacmanPackageFile, pkgbuild } from './pacman-packages';
import { labPackageVersions } from './test-packages';

const version = (name: string, v: string) => {
  const pkg = labPackageVersions().find((entry) => entry.name === name && entry.version === v);
  if (!pkg) throw new Error(`no ${name} ${v}`);
  return pkg;
};

describe('lab pacman packages', () => {
  it('builds without strip or debug packages, and marks the conffile as backup', () => {
    const text = pkgbuild(version('lab-conffile', '1.1'));
    expect(text).toMatch(/^pkgname=lab-conffile\npkgver=1\.1\npkgrel=1\n/);
    expect(text).toMatch(/^options=\(!strip !debug\)$/m);
    expect(text).toMatch(/^backup=\('etc\/lab-conffile\.conf'\)$/m);
  });

  it('fails lab-postinst-fails 1.1 in its install scriptlet (a function: return, not exit)', () => {
    const script = pacmanInstallScript(version('lab-postinst-fails', '1.1'));
    expect(script).toMatch(/^post_install\(\) \{\n[\s\S]*return 1\n\}/);
    expect(script).toMatch(/post_upgrade\(\) \{\n {2}post_install\n\}/);
    expect(pacmanInstallScript(version('lab-postinst-fails', '1.0'))).toBeNull();
    expect(pkgbuild(version('lab-postinst-fails', '1.1'))).toMatch(/^install=lab\.install$/m);
  });

  it('names files as Debian makepkg writes them', () => {
    expect(pacmanPackageFile('lab-hello', '1.0-1')).toBe('lab-hello-1.0-1-any.pkg.tar.gz');
  });
});
