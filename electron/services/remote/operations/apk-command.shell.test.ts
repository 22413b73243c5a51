import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir, removeTempDirs } from '../../../test-support/temp-dir';
import { APK_LOCK_FILE, APK_WORLD_FILE, apkPinnedAddCommand } from './apk-command';
import { APK_LOCK_HOLDER_COMMAND, parseApkLockHolder } from './apk-lock-holder';

afterEach(removeTempDirs);

// A stand-in for apk on PATH: it logs its arguments and edits the world as apk add/del would
// (add replaces the entry of the same name or appends it; del drops it). No apk-tools exists on
// Debian, so this checks Patchdesk's own shell (the world reading with awk, the quoting, the exit
// code) in a real sh, not apk.
const FAKE_APK = `#!/usr/bin/env node
const fs = require('node:fs');
const args = process.argv.slice(2);
fs.appendFileSync(process.env.FAKE_APK_LOG, args.join(' ') + '\\n');
const at = args.findIndex((arg) => arg === 'add' || arg === 'del');
const applet = args[at];
const names = args.slice(at + 1);
const pinned = names.some((name) => /=/.test(name));
if (applet === 'add' && pinned && process.env.FAKE_APK_ADD_EXIT) process.exit(Number(process.env.FAKE_APK_ADD_EXIT));
const world = fs.readFileSync(process.env.FAKE_APK_WORLD, 'utf8').split('\\n').filter(Boolean);
const nameOf = (entry) => entry.replace(/[@<>=~].*$/, '');
for (const entry of names) {
  const at = world.findIndex((line) => nameOf(line) === nameOf(entry));
  if (applet === 'del') { if (at >= 0) world.splice(at, 1); }
  else if (at >= 0) world[at] = entry;
  else world.push(entry);
}
fs.writeFileSync(process.env.FAKE_APK_WORLD, world.join('\\n') + '\\n');
`;

function run(world: string, targets: { name: string; version: string }[], prior: Map<string, string | null>, addExit?: number) {
  const dir = makeTempDir();
  writeFileSync(join(dir, 'apk'), FAKE_APK);
  chmodSync(join(dir, 'apk'), 0o755);
  const worldFile = join(dir, 'world');
  writeFileSync(worldFile, world);
  const log = join(dir, 'log');
  writeFileSync(log, '');
  const command = apkPinnedAddCommand(targets, prior, 7).split(APK_WORLD_FILE).join(worldFile);
  const result = spawnSync('sh', ['-c', command], { env: { PATH: `${dir}:${process.env.PATH ?? ''}`, FAKE_APK_LOG: log, FAKE_APK_WORLD: worldFile, ...(addExit !== undefined ? { FAKE_APK_ADD_EXIT: String(addExit) } : {}) }, encoding: 'utf8' });
  return { status: result.status, stderr: result.stderr, world: readFileSync(worldFile, 'utf8'), calls: readFileSync(log, 'utf8').trim().split('\n') };
}

describe('the pinned add in a real shell', () => {
  it('puts back a tagged entry, a bare one with + in its name, and drops the pin of a package the world did not name', () => {
    const targets = [{ name: 'lab-hello', version: '1.1-r0' }, { name: 'g++', version: '13.2.1-r0' }, { name: 'libcrypto3', version: '3.3.2-r1' }];
    const result = run('alpine-base\nlab-hello@lab\ng++\n', targets, new Map([['lab-hello', 'lab-hello@lab'], ['g++', 'g++'], ['libcrypto3', null]]));
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.calls).toEqual([
      '--no-progress --wait 7 -U add lab-hello@lab=1.1-r0 g++=13.2.1-r0 libcrypto3=3.3.2-r1',
      '--no-progress --wait 7 add lab-hello@lab',
      '--no-progress --wait 7 add g++',
      '--no-progress --wait 7 del libcrypto3',
    ]);
    expect(result.world).toBe('alpine-base\nlab-hello@lab\ng++\n');
  });

  it("leaves the world alone when the add did not change it, and exits with the add's code", () => {
    const result = run('alpine-base\nlab-hello\n', [{ name: 'lab-hello', version: '9.9-r0' }], new Map([['lab-hello', 'lab-hello']]), 1);
    expect(result.status).toBe(1);
    expect(result.calls).toEqual(['--no-progress --wait 7 -U add lab-hello=9.9-r0']);
    expect(result.world).toBe('alpine-base\nlab-hello\n');
  });
});

describe('the apk lock holder in a real shell', () => {
  it('names the process holding an flock on the lock file from /proc/locks, and nobody once it is released', async () => {
    const dir = makeTempDir();
    const lock = join(dir, 'lock');
    writeFileSync(lock, '');
    const command = APK_LOCK_HOLDER_COMMAND.split(APK_LOCK_FILE).join(lock);
    // flock holds the lock while its child waits on stdin; "held" on stdout is the event the test waits for.
    const holder = spawn('flock', ['-x', lock, 'sh', '-c', 'echo held; read -r _'], { stdio: ['pipe', 'pipe', 'inherit'] });
    await new Promise<void>((resolve) => holder.stdout.once('data', () => resolve()));
    const held = spawnSync('sh', ['-c', command], { encoding: 'utf8' });
    expect(parseApkLockHolder(held.stdout)).toEqual({ pid: holder.pid, process: 'flock' });
    holder.stdin.end();
    await new Promise<void>((resolve) => holder.once('exit', () => resolve()));
    expect(parseApkLockHolder(spawnSync('sh', ['-c', command], { encoding: 'utf8' }).stdout)).toBeNull();
  });
});
