// `npm start`: the desktop app where Electron's binary is installed; the browser host otherwise.
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

function electronBinary() {
  try {
    // The electron package exports the binary's path, and throws when its download never happened.
    return { path: require('electron') };
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    const reason = /failed to install correctly/i.test(message)
      ? "its binary was never downloaded: the electron package fetches it at install time, which this machine cannot do (or install scripts were skipped)"
      : message;
    return { reason };
  }
}

const electron = electronBinary();
if (electron.path) {
  const build = spawnSync('npm', ['run', 'build'], { stdio: 'inherit', shell: process.platform === 'win32' });
  if (build.status !== 0) process.exit(1);
  const child = spawn(electron.path, ['.', ...process.argv.slice(2)], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  console.log(`Electron's binary is not available here (${electron.reason}).`);
  console.log('Starting the browser host instead: the same app, served on 127.0.0.1 with a session token.');
  await import('./serve.mjs');
}
