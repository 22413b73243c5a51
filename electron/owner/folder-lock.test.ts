import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTempDir, removeTempDirs } from '../test-support/temp-dir';
import { describeOwner, LOCK_FILE, OWNER_FILE, readOwnerRecord, tryAcquireFolderLock } from './folder-lock';

afterAll(removeTempDirs);

const REPO = resolve(fileURLToPath(new URL('../../', import.meta.url)));
const SCRIPT = join(REPO, 'electron', 'owner', 'folder-lock.script.ts');

/** Starts the helper process and resolves with it and its first line once it has tried the lock. */
function tryInChild(dataDir: string, kind: string): Promise<{ child: ChildProcess; line: string }> {
  const child = spawn(process.execPath, [join(REPO, 'bin', 'run-ts.mjs'), SCRIPT, dataDir, kind], { cwd: REPO, stdio: ['pipe', 'pipe', 'inherit'] });
  return new Promise((resolvePromise, reject) => {
    let out = '';
    child.once('error', reject);
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const newline = out.indexOf('\n');
      if (newline >= 0) resolvePromise({ child, line: out.slice(0, newline) });
    });
    child.once('exit', (code) => reject(new Error(`the lock helper exited (${code}) before answering`)));
  });
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolvePromise) => (child.exitCode !== null || child.signalCode !== null ? resolvePromise() : child.once('exit', () => resolvePromise())));
}

describe('the folder lock', () => {
  it('keeps a second process out while held, names the holder, and is free again once the holder is killed', async () => {
    const dataDir = makeTempDir();
    const { child, line } = await tryInChild(dataDir, 'browser-host');
    expect(line.startsWith('held ')).toBe(true);

    expect(tryAcquireFolderLock(dataDir, 'cli')).toBeNull();
    const record = readOwnerRecord(dataDir);
    expect(record).toMatchObject({ pid: child.pid, kind: 'browser-host', socket: null });
    expect(describeOwner(record!)).toBe(`the browser host (pid ${child.pid})`);

    // SIGKILL: no chance to clean up. The kernel drops the lock anyway; no stale lock is left.
    child.kill('SIGKILL');
    await exited(child);
    const lock = tryAcquireFolderLock(dataDir, 'cli');
    expect(lock).not.toBeNull();
    expect(readOwnerRecord(dataDir)).toMatchObject({ pid: process.pid, kind: 'cli' });
    lock?.release();
  });

  it('refuses another process while this one holds it, and lets it in after release', async () => {
    const dataDir = makeTempDir();
    const lock = tryAcquireFolderLock(dataDir, 'desktop');
    expect(lock).not.toBeNull();
    lock?.publish({ socket: '/run/example.sock' });
    expect(readOwnerRecord(dataDir)?.socket).toBe('/run/example.sock');

    const refused = await tryInChild(dataDir, 'cli');
    expect(refused.line).toBe('busy');
    await exited(refused.child);

    lock?.release();
    expect(existsSync(join(dataDir, OWNER_FILE))).toBe(false);
    const next = await tryInChild(dataDir, 'cli');
    expect(next.line.startsWith('held ')).toBe(true);
    next.child.stdin?.end();
    await exited(next.child);
    expect(existsSync(join(dataDir, OWNER_FILE))).toBe(false);
  });

  it('keeps the lock and record files private to this user', () => {
    const dataDir = makeTempDir();
    const lock = tryAcquireFolderLock(dataDir, 'cli');
    expect(statSync(join(dataDir, LOCK_FILE)).mode & 0o777).toBe(0o600);
    expect(statSync(join(dataDir, OWNER_FILE)).mode & 0o777).toBe(0o600);
    lock?.release();
  });
});
