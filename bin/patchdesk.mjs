#!/usr/bin/env node
// The `patchdesk` command: runs the CLI's TypeScript through tsx, so it works from a checkout
// right after `npm install` with no build step.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../electron/cli/main.ts');
process.exitCode = await runCli(process.argv.slice(2));
