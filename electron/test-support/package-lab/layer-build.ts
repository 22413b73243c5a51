/**
 * Building one cached family layer: an overlay upper dir over the base, changed inside a chroot
 * and then kept as a second lowerdir for every host of that family. Debian's own dnf, zypper and
 * pacman packages come from the machine's apt mirror during the build only; the apt lists and
 * cache are removed afterwards so the layer holds what the hosts need and nothing else.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inRoot } from './apt-layer';
import { machineDebianMirror } from './debian-mirror';
import { mount, unmountAllUnder } from './mounts';

/** A folder of this machine bound into the root while the layer is built. */
export interface LayerBind {
  source: string;
  /** Absolute path inside the root. */
  target: string;
  readOnly: boolean;
}

/** What {@link ensureLayer} builds. */
export interface LayerRecipe {
  /** The layer's folder in the cache (the finished upper dir). */
  target: string;
  /** The layers it sits on, top first (usually just the base). */
  lowerDirs: string[];
  /** Changes when what the layer contains changes; a different one rebuilds it. */
  fingerprint: string;
  binds?: LayerBind[];
  /** Extra files that must exist for the cached layer to count (e.g. the repository it built). */
  alsoRequires?: string[];
  /** Changes the merged root; runs as root on this machine. */
  build: (root: string) => Promise<void>;
}

const markerOf = (target: string) => `${target}.recipe`;

/** Whether the cached layer at `recipe.target` is complete and of this recipe. */
export function layerIsCurrent(recipe: Pick<LayerRecipe, 'target' | 'fingerprint' | 'alsoRequires'>): boolean {
  const marker = markerOf(recipe.target);
  if (!existsSync(recipe.target) || !existsSync(marker) || readFileSync(marker, 'utf8') !== recipe.fingerprint) return false;
  return (recipe.alsoRequires ?? []).every((path) => existsSync(path));
}

/** Builds the layer unless the cached one is current; returns its folder. */
export async function ensureLayer(recipe: LayerRecipe): Promise<string> {
  if (layerIsCurrent(recipe)) return recipe.target;
  const work = `${recipe.target}.building`;
  await unmountAllUnder(work);
  rmSync(work, { recursive: true, force: true });
  rmSync(markerOf(recipe.target), { force: true });
  const [upper, scratch, merged] = ['upper', 'work', 'merged'].map((name) => join(work, name)) as [string, string, string];
  for (const dir of [upper, scratch, merged]) mkdirSync(dir, { recursive: true });
  try {
    await mount('-t', 'overlay', 'overlay', '-o', `lowerdir=${recipe.lowerDirs.join(':')},upperdir=${upper},workdir=${scratch}`, merged);
    await mount('-t', 'proc', 'proc', join(merged, 'proc'));
    for (const bind of recipe.binds ?? []) {
      mkdirSync(bind.source, { recursive: true });
      mkdirSync(join(merged, bind.target), { recursive: true });
      await mount('--bind', ...(bind.readOnly ? ['-o', 'ro'] : []), bind.source, join(merged, bind.target));
    }
    await recipe.build(merged);
  } finally {
    await unmountAllUnder(work);
  }
  rmSync(recipe.target, { recursive: true, force: true });
  renameSync(upper, recipe.target);
  rmSync(work, { recursive: true, force: true });
  writeFileSync(markerOf(recipe.target), recipe.fingerprint);
  return recipe.target;
}

/**
 * Installs Debian packages into `root` from the machine's own mirror, then forgets the mirror:
 * sources, lists and downloaded debs go, so the hosts never reach the network and the layer
 * stays small.
 */
export async function aptInstallFromMirror(root: string, packages: readonly string[]): Promise<void> {
  const sources = join(root, 'etc/apt/sources.list.d/patchdesk-lab-build.list');
  writeFileSync(sources, `deb ${machineDebianMirror()} bookworm main\n`);
  try {
    await inRoot(root, `apt-get update -qq && apt-get install -y -qq --no-install-recommends ${packages.join(' ')} >/dev/null`);
  } finally {
    rmSync(sources, { force: true });
    await inRoot(root, 'apt-get clean && rm -rf /var/lib/apt/lists/* /var/log/apt/* /var/cache/debconf/*-old');
  }
}

/** Replaces the root's `/etc/os-release` (a symlink into /usr/lib on Debian) with `text`. */
export function writeOsRelease(root: string, text: string): void {
  const path = join(root, 'etc/os-release');
  rmSync(path, { force: true });
  writeFileSync(path, text);
}
