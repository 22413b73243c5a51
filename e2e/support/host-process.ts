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

/** What runs in the host process besides the real services. */
export interface HostOptions {
  /** The application clock starts at this ISO instant (the test-only clocked host). */
  now?: string;
  /** JSON list of scripted package hosts that rollouts reach (the test-only scripted host). */
  scriptedHosts?: string;
  /** JSON list of simulated Windows hosts beside the scripted ones. */
  windowsHosts?: string;
}

/**
 * Starts the host on a free port over the given data folder; resolves when it prints its URL.
 * With `now`, the application clock starts at that instant; with `scriptedHosts`, the test-only
 * host whose rollouts reach scripted package hosts (with `now` too, on that clock); with neither,
 * the product's own `serve.ts`.
 */
export function startHostProcess(dataDir: string, options: HostOptions = {}): Promise<HostProcess> {
  const entry = options.scriptedHosts ? 'e2e/support/scripted-rollout-host.ts' : options.now ? 'e2e/support/clocked-host.ts' : null;
  const args = entry ? ['bin/run-ts.mjs', entry, dataDir] : ['bin/run-ts.mjs', 'electron/host/serve.ts', '--data-dir', dataDir, '--port', '0'];
  const env = {
    ...process.env,
    ...(options.now ? { E2E_NOW: options.now } : {}),
    ...(options.scriptedHosts ? { E2E_SCRIPTED_HOSTS: options.scriptedHosts, ...(options.windowsHosts ? { E2E_WINDOWS_HOSTS: options.windowsHosts } : {}) } : {}),
  };
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
