// Builds the renderer when dist/renderer is missing or older than its sources.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const builtIndex = join(root, 'dist/renderer/index.html');

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** Builds the renderer if needed; returns false when the build failed. */
export function ensureRendererBuilt({ quiet = false } = {}) {
  const sources = Math.max(newestMtime(join(root, 'renderer')), newestMtime(join(root, 'shared')));
  if (existsSync(builtIndex) && statSync(builtIndex).mtimeMs >= sources) return true;
  if (!quiet) console.log('Building the user interface (vite)...');
  const result = spawnSync(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--config', join(root, 'renderer/vite.config.ts'), '--logLevel', 'error'], {
    cwd: root,
    stdio: quiet ? 'pipe' : 'inherit',
  });
  if (result.status !== 0 && quiet) process.stderr.write(result.stderr ?? '');
  return result.status === 0;
}
