// Bundles the Electron main process and preload with esbuild into dist/electron/.
// better-sqlite3 and net-snmp stay external (native module / dynamic requires); electron-builder
// ships them from node_modules.
import { build } from 'esbuild';

const outdir = process.argv[2] ?? 'dist/electron';
const common = { bundle: true, platform: 'node', target: 'node20', sourcemap: true, logLevel: 'warning' };
await build({ ...common, entryPoints: ['electron/main/main.ts'], outfile: `${outdir}/main.cjs`, format: 'cjs', external: ['electron', 'better-sqlite3', 'net-snmp', 'ssh2', 'node-ssh', 'cpu-features', 'bufferutil', 'utf-8-validate', 'pdfmake'] });
await build({ ...common, entryPoints: ['electron/preload/preload.ts'], outfile: `${outdir}/preload.cjs`, format: 'cjs', external: ['electron'] });
console.log(`Built ${outdir}/main.cjs and ${outdir}/preload.cjs`);
