/** One real `/usr/sbin/sshd -D` listening on a loopback address, with its own host key. */
import { spawn, type ChildProcess } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { generateKeyPair, type LabKeyPair } from './lab-keys';
import { acceptsConnections, freePort, randomLoopbackAddress } from './loopback';
import { descendantPids, killAll } from './process-tree';

/** Where a server's files live and how it starts. */
export interface SshdServerSpec {
  name: string;
  configPath: string;
  hostKeyPath: string;
  /** Defaults to a random 127.x.y.z. */
  host?: string;
  startTimeoutMs?: number;
}

/** A running lab sshd. */
export interface LabSshServer {
  readonly name: string;
  readonly host: string;
  readonly port: number;
  /** The key the server presents now; changes after `restart({ newHostKey: true })`. */
  readonly hostKey: LabKeyPair;
  /** The listening sshd's pid. */
  readonly pid: number;
  /** The last lines sshd wrote to stderr, for failure messages. */
  log(): string;
  /** SIGKILLs every process serving a connection, dropping all sessions mid-command; the listener stays. */
  killConnections(): void;
  /** Stops sshd and everything it forked. */
  stop(): Promise<void>;
  /** Stops and starts again on the same address and port, optionally with a freshly generated host key. */
  restart(options?: { newHostKey?: boolean }): Promise<void>;
}

/** Starts sshd for `spec`, generating the host key if `hostKey` is not given; resolves once it accepts connections. */
export async function startSshdServer(spec: SshdServerSpec, hostKey?: LabKeyPair): Promise<LabSshServer> {
  const key = hostKey ?? (await generateKeyPair(spec.hostKeyPath, { comment: spec.name }));
  for (let attempt = 0; ; attempt++) {
    const host = spec.host ?? randomLoopbackAddress();
    const port = await freePort(host);
    try {
      const child = await launch(spec, key.privateKeyPath, host, port);
      return new SshdServer(spec, host, port, key, child);
    } catch (error) {
      // Another process may have taken the port between probing and binding.
      if (attempt >= 4 || !/Address already in use|Bind to port/.test(String(error))) throw error;
    }
  }
}

interface Launched {
  process: ChildProcess;
  stderr: string[];
}

async function launch(spec: SshdServerSpec, hostKeyPath: string, host: string, port: number): Promise<Launched> {
  const child = spawn('/usr/sbin/sshd', ['-D', '-e', '-f', spec.configPath, '-h', hostKeyPath, '-o', `ListenAddress=${host}:${port}`], { stdio: ['ignore', 'ignore', 'pipe'] });
  const stderr: string[] = [];
  child.stderr?.setEncoding('utf8').on('data', (text: string) => {
    stderr.push(text);
    if (stderr.length > 50) stderr.shift();
  });
  let exited = false;
  child.once('exit', () => {
    exited = true;
  });
  const deadline = Date.now() + (spec.startTimeoutMs ?? 10_000);
  while (!exited && Date.now() < deadline) {
    if (await acceptsConnections(host, port)) return { process: child, stderr };
    await new Promise((resolve) => setTimeout(resolve, 15));
  }
  child.kill('SIGKILL');
  throw new Error(`sshd ${spec.name} on ${host}:${port} did not start: ${exited ? 'it exited' : 'timed out'}: ${stderr.join('').trim()}`);
}

class SshdServer implements LabSshServer {
  constructor(
    private readonly spec: SshdServerSpec,
    readonly host: string,
    readonly port: number,
    public hostKey: LabKeyPair,
    private launched: Launched | undefined,
  ) {}

  get name(): string {
    return this.spec.name;
  }

  get pid(): number {
    return this.launched?.process.pid ?? -1;
  }

  log(): string {
    return this.launched?.stderr.join('') ?? '';
  }

  killConnections(): void {
    if (this.launched?.process.pid !== undefined) killAll(descendantPids(this.launched.process.pid));
  }

  async stop(): Promise<void> {
    const launched = this.launched;
    this.launched = undefined;
    const pid = launched?.process.pid;
    if (!launched || pid === undefined) return;
    const children = descendantPids(pid);
    const exited = launched.process.exitCode !== null || launched.process.signalCode !== null
      ? Promise.resolve()
      : new Promise<void>((resolve) => launched.process.once('exit', () => resolve()));
    killAll([pid, ...children]);
    await exited;
  }

  async restart(options: { newHostKey?: boolean } = {}): Promise<void> {
    await this.stop();
    if (options.newHostKey) {
      await rm(this.spec.hostKeyPath, { force: true });
      await rm(`${this.spec.hostKeyPath}.pub`, { force: true });
      this.hostKey = await generateKeyPair(this.spec.hostKeyPath, { comment: this.spec.name });
    }
    this.launched = await launch(this.spec, this.hostKey.privateKeyPath, this.host, this.port);
  }
}
