/** Runs the real browser host (`electron/host/serve.ts`) as a child process for end-to-end tests. */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

export interface HostProcess {
  /** The URL with the session token, as a user would open it. */
  openUrl: string;
  child: ChildProcess;
  output: () => string;
  stop(): Promise<void>;
}

/**
 * Starts the host on a free port over the given data folder; resolves when it prints its URL.
 * With `now`, the test-only clocked host runs instead, its application clock fixed at that instant;
 * with `scriptedHosts` (JSON), the test-only host whose rollouts reach scripted package hosts.
 */
export function startHostProcess(dataDir: string, options: { now?: string; scriptedHosts?: string; windowsHosts?: string } = {}): Promise<HostProcess> {
  const args = options.scriptedHosts
    ? ['bin/run-ts.mjs', 'e2e/support/scripted-rollout-host.ts', dataDir]
    : options.now
      ? ['bin/run-ts.mjs', 'e2e/support/clocked-host.ts', dataDir]
      : ['bin/run-ts.mjs', 'electron/host/serve.ts', '--data-dir', dataDir, '--port', '0'];
  const env = options.scriptedHosts ? { ...process.env, E2E_SCRIPTED_HOSTS: options.scriptedHosts, ...(options.windowsHosts ? { E2E_WINDOWS_HOSTS: options.windowsHosts } : {}) } : options.now ? { ...process.env, E2E_NOW: options.now } : process.env;
  const child = spawn(process.execPath, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the host did not start in time:\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Open: (http:\/\/127\.0\.0\.1:\d+\/#token=\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve({
          openUrl: match[1],
          child,
          output: () => output,
          stop: () =>
            new Promise<void>((done) => {
              if (child.exitCode !== null) return done();
              child.once('exit', () => done());
              child.kill('SIGTERM');
            }),
        });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the host exited with ${code}:\n${output}`));
    });
  });
}
