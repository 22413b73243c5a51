/** Runs the CLI from its sources (for the start benchmark's comparison with the bundle). */
import { runCli } from './main';

process.exitCode = await runCli(process.argv.slice(2));
