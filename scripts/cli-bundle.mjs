// The CLI's bundle: electron/cli/main.ts and everything of ours it imports, compiled by esbuild
// into one ES module at dist/cli/patchdesk.mjs. Dependencies stay in node_modules (loaded by Node
// as usual), so the bundle is small and builds in well under a second. Beside it, inputs.json
// lists the source files it was built from, so the launcher can tell a stale bundle from a fresh
// one with a few hundred stat calls instead of compiling TypeScript at every start.
import { mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Where the bundle and its list of inputs live. */
export const CLI_BUNDLE = join(root, 'dist', 'cli', 'patchdesk.mjs');
const inputsOf = (bundle) => join(dirname(bundle), 'inputs.json');

/**
 * True when the bundle exists and no source it was built from changed since (a source newer
 * than the bundle, or one that is gone, makes it stale).
 */
export function cliBundleIsFresh(bundle = CLI_BUNDLE) {
  let builtAt;
  let inputs;
  try {
    builtAt = statSync(bundle).mtimeMs;
    inputs = JSON.parse(readFileSync(inputsOf(bundle), 'utf8'));
  } catch {
    return false;
  }
  if (!Array.isArray(inputs) || inputs.length === 0) return false;
  for (const input of inputs) {
    try {
      if (statSync(join(root, input)).mtimeMs > builtAt) return false;
    } catch {
      return false;
    }
  }
  return true;
}

/**
 * Builds the bundle. Several processes may build at once (the CLI started 30 times in
 * parallel): each writes its own temporary files and renames them into place, so a reader never
 * sees half a bundle. The list of inputs is written first: should a crash fall between the two
 * renames, an older bundle with a newer list only reads as stale, never as fresh. `entry`: another
 * entry point bundled the same way (the evidence bench runs its export script so, as the CLI runs).
 */
export async function buildCliBundle(bundle = CLI_BUNDLE, entry = 'electron/cli/main.ts') {
  const { build } = await import('esbuild');
  const outDir = dirname(bundle);
  mkdirSync(outDir, { recursive: true });
  const token = `${process.pid}-${Date.now()}`;
  const tempBundle = join(outDir, `.patchdesk-${token}.mjs`);
  const tempInputs = join(outDir, `.inputs-${token}.json`);
  try {
    const result = await build({
      absWorkingDir: root,
      entryPoints: [entry],
      outfile: tempBundle,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      // Native modules, and packages that read their own files at run time, stay in node_modules.
      external: ['better-sqlite3', 'ssh2', 'node-ssh', 'cpu-features', 'net-snmp', 'pdfmake', 'bufferutil', 'utf-8-validate'],
      // Bundled CommonJS dependencies call require() for Node's own modules.
      banner: { js: "import { createRequire as __patchdeskCreateRequire } from 'node:module'; const require = __patchdeskCreateRequire(import.meta.url);" },
      metafile: true,
      logLevel: 'silent',
    });
    const inputs = Object.keys(result.metafile.inputs).filter((input) => !input.includes('node_modules'));
    writeFileSync(tempInputs, JSON.stringify(inputs));
    renameSync(tempInputs, inputsOf(bundle));
    renameSync(tempBundle, bundle);
  } finally {
    rmSync(tempBundle, { force: true });
    rmSync(tempInputs, { force: true });
  }
  return bundle;
}

// `node scripts/cli-bundle.mjs` (npm's prepare step, at install): build it now. A failure only
// means the launcher compiles at start instead, so it warns and never fails the install.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    await buildCliBundle();
  } catch (error) {
    console.warn(`patchdesk: the CLI bundle was not built (${error instanceof Error ? error.message : String(error)}); the CLI will compile its sources at each start instead.`);
  }
}
