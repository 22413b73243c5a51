import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir, removeTempDirs } from '../test-support/temp-dir';
import { runCliCapturing } from '../test-support/run-cli';

afterEach(() => {
  removeTempDirs();
  process.exitCode = undefined;
});

const bin = fileURLToPath(new URL('../../bin/patchdesk.mjs', import.meta.url));

/** Runs the real `patchdesk` with its stdout reader already gone, as `... | head -0` leaves it. */
function runIntoClosedPipe(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    // Closed before the child can print anything, so its first write meets EPIPE.
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stderr }));
  });
}

describe('CLI output', () => {
  it('ends quietly when its reader closes the pipe (patchdesk ... | head -1)', async () => {
    const dir = makeTempDir();
    for (const args of [['--help'], ['--data-dir', dir, 'evidence', 'key']]) {
      const result = await runIntoClosedPipe(args);
      expect(result).toEqual({ code: 0, stderr: '' });
    }
  }, 60_000);

  it('prints what came from outside with its control characters made visible', async () => {
    const dir = makeTempDir();
    await runCliCapturing(dir, ['site', 'add', 'Acme', '--network', '10.0.0.0/24']);
    const result = await runCliCapturing(dir, ['import', 'csv', `${dir}/hosts\u001b[2J\u202e.csv`]);
    expect(result.code).toBe(2);
    expect(result.err).toContain('hosts\\u001b[2J\\u202e.csv');
    expect(result.err).not.toMatch(/[\u001b\u202e]/);
  });
});
