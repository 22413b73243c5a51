#!/usr/bin/env node
// The `patchdesk` command. It runs the CLI's bundle (dist/cli/patchdesk.mjs, built at install by
// npm's prepare step), rebuilding it first when a source changed since, so a checkout works
// right after `npm install` and a simple command answers in a fraction of a second. Where the
// bundle cannot be built (no esbuild), it compiles the sources through tsx instead.
import { pathToFileURL } from 'node:url';
import { buildCliBundle, cliBundleIsFresh, CLI_BUNDLE } from '../scripts/cli-bundle.mjs';

async function loadCli() {
  try {
    if (!cliBundleIsFresh()) await buildCliBundle();
    return await import(pathToFileURL(CLI_BUNDLE).href);
  } catch {
    const { register } = await import('tsx/esm/api');
    register();
    return import('../electron/cli/main.ts');
  }
}

const { runCli } = await loadCli();
process.exitCode = await runCli(process.argv.slice(2));
