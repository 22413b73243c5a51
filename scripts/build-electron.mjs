// Bundles the Electron main process, its core process and the preload with esbuild into dist/electron/.
// better-sqlite3 and net-snmp stay external (native module / dynamic requires); electron-builder
// ships them from node_modules.
import { build } from 'esbuild';

const outdir = process.argv[2] ?? 'dist/electron';
const common = { bundle: true, platform: 'node', target: 'node20', sourcemap: true, logLevel: 'warning' };
const native = ['better-sqlite3', 'net-snmp', 'ssh2', 'node-ssh', 'cpu-features', 'bufferutil', 'utf-8-validate', 'pdfmake'];
await build({ ...common, entryPoints: ['electron/main/main.ts'], outfile: `${outdir}/main.cjs`, format: 'cjs', external: ['electron', ...native] });
// The core process (a utilityProcess the main process starts): the database, SSH, PDF work.
await build({ ...common, entryPoints: ['electron/core-process/core-process-entry.ts'], outfile: `${outdir}/core.cjs`, format: 'cjs', external: native });
await build({ ...common, entryPoints: ['electron/preload/preload.ts'], outfile: `${outdir}/preload.cjs`, format: 'cjs', external: ['electron'] });
console.log(`Built ${outdir}/main.cjs, ${outdir}/core.cjs and ${outdir}/preload.cjs`);
