/**
 * The Ansible side of the collection benchmark: inventory, known_hosts, playbook and environment
 * for Debian's `ansible-playbook`, and the parsing of its JSON callback output.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Endpoint {
  name: string;
  host: string;
  port: number;
  /** The server's host key as a `.pub` line. */
  hostPublicKey: string;
}

/**
 * `equivalent`: OS facts (setup, `min` subset: distribution, kernel, machine, ...) plus one shell
 * task running what Patchdesk's collector runs: the apt simulation, dpkg-query, uptime, reboot files.
 * `minimal`: OS facts plus the apt simulation only (less work than Patchdesk does).
 */
export type AnsibleWork = 'equivalent' | 'minimal';

const APT = "LC_ALL=C apt-get -s -qq -o Debug::NoLocking=true -o APT::Get::Show-User-Simulation-Note=false dist-upgrade";
const DPKG = "LC_ALL=C dpkg-query -W -f '${binary:Package}\\t${Version}\\t${Architecture}\\t${db:Status-Abbrev}\\t${source:Package}\\t${source:Version}\\n'";
const SPLIT = '=== pdbench split ===';

function shellCommand(work: AnsibleWork): string {
  if (work === 'minimal') return APT;
  return [
    APT,
    `echo '${SPLIT}'`,
    DPKG,
    'cat /proc/uptime',
    'uname -r; uname -m',
    'ls /run/reboot-required /run/reboot-required.pkgs 2>/dev/null || true',
    'stat -c %Y /var/lib/apt/lists/*Release | sort -n | tail -n 1',
  ].join('\n');
}

/** Writes inventory.yml, known_hosts and collect.yml into `dir`; returns their paths. */
export function writeAnsibleFiles(dir: string, endpoints: readonly Endpoint[], user: string, privateKeyPath: string, work: AnsibleWork): { inventory: string; knownHosts: string; playbook: string } {
  const inventory = join(dir, 'inventory.yml');
  const knownHosts = join(dir, 'known_hosts');
  const playbook = join(dir, 'collect.yml');
  const hosts: Record<string, Record<string, string | number>> = {};
  for (const endpoint of endpoints) {
    hosts[endpoint.name] = { ansible_host: endpoint.host, ansible_port: endpoint.port, ansible_user: user, ansible_ssh_private_key_file: privateKeyPath };
  }
  // JSON is YAML, so the YAML inventory plugin reads this as it is.
  writeFileSync(inventory, JSON.stringify({ all: { hosts, vars: { ansible_python_interpreter: '/usr/bin/python3' } } }, null, 1));
  // An empty config file: every setting at its built-in (Debian-shipped) default, whatever ~/.ansible.cfg says.
  writeFileSync(join(dir, 'no-ansible.cfg'), '[defaults]\n');
  writeFileSync(knownHosts, endpoints.map((endpoint) => `[${endpoint.host}]:${endpoint.port} ${endpoint.hostPublicKey}`).join('\n') + '\n');
  const command = shellCommand(work);
  writeFileSync(
    playbook,
    [
      '- name: Patch status (collection benchmark)',
      '  hosts: all',
      '  gather_facts: false',
      '  tasks:',
      '    - name: OS facts',
      '      ansible.builtin.setup:',
      '        gather_subset: [min]',
      '    - name: Pending updates' + (work === 'equivalent' ? ', installed packages, uptime, reboot files' : ''),
      '      ansible.builtin.shell: |',
      ...command.split('\n').map((line) => `        ${line}`),
      '      changed_when: false',
      '',
    ].join('\n'),
  );
  return { inventory, knownHosts, playbook };
}

/**
 * The environment for one run. Only what the benchmark must control is set; the SSH connection
 * settings (`ssh_args = -C -o ControlMaster=auto -o ControlPersist=60s`, pipelining off) stay at
 * Debian's defaults. The ControlPath directory is per run, so every run starts without warm
 * connections, as Patchdesk does.
 */
export function ansibleEnv(dir: string, knownHosts: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const name of ['PATH', 'HOME', 'USER', 'LOGNAME', 'TERM']) if (process.env[name] !== undefined) env[name] = process.env[name];
  return {
    ...env,
    LC_ALL: 'C.UTF-8',
    ANSIBLE_CONFIG: join(dir, 'no-ansible.cfg'),
    ANSIBLE_STDOUT_CALLBACK: 'json',
    ANSIBLE_SSH_COMMON_ARGS: `-o UserKnownHostsFile=${knownHosts} -o GlobalKnownHostsFile=/dev/null`,
    ANSIBLE_SSH_CONTROL_PATH_DIR: join(dir, 'cp'),
    ANSIBLE_LOCAL_TEMP: join(dir, 'local-tmp'),
    ANSIBLE_RETRY_FILES_ENABLED: 'False',
    ANSIBLE_NOCOLOR: '1',
  };
}

export interface AnsibleHostOutcome {
  name: string;
  ok: boolean;
  distribution: string;
  distributionVersion: string;
  pendingCount: number | null;
  error: string | null;
}

interface JsonCallbackOutput {
  plays?: { tasks?: { task?: { name?: string }; hosts?: Record<string, Record<string, unknown>> }[] }[];
  stats?: Record<string, { ok?: number; failures?: number; unreachable?: number; skipped?: number }>;
}

/** Upgrade, new-package and removal lines of an apt simulation, as Patchdesk's parser counts them. */
export function countAptActions(output: string): number {
  return output.split('\n').filter((line) => /^(Inst|Remv|Purg) /.test(line)).length;
}

/** Per-host outcome from the json callback's output. */
export function parseAnsibleJson(stdout: string, endpoints: readonly Endpoint[]): AnsibleHostOutcome[] {
  const start = stdout.indexOf('{');
  let parsed: JsonCallbackOutput = {};
  try {
    parsed = JSON.parse(start >= 0 ? stdout.slice(start) : '{}') as JsonCallbackOutput;
  } catch (error) {
    return endpoints.map((endpoint) => ({ name: endpoint.name, ok: false, distribution: '', distributionVersion: '', pendingCount: null, error: `unparsable ansible output: ${(error as Error).message}` }));
  }
  const tasks = parsed.plays?.[0]?.tasks ?? [];
  const [factsTask, shellTask] = tasks;
  return endpoints.map((endpoint) => {
    const stats = parsed.stats?.[endpoint.name];
    const facts = factsTask?.hosts?.[endpoint.name];
    const shell = shellTask?.hosts?.[endpoint.name];
    const ansibleFacts = (facts?.['ansible_facts'] ?? {}) as Record<string, unknown>;
    const failedMessage = [facts, shell].map((result) => (result && (result['failed'] || result['unreachable']) ? String(result['msg'] ?? 'failed') : '')).find((text) => text !== '');
    const stdoutText = typeof shell?.['stdout'] === 'string' ? (shell['stdout'] as string) : undefined;
    const aptPart = stdoutText?.split(SPLIT)[0];
    const ok = !!stats && (stats.failures ?? 0) === 0 && (stats.unreachable ?? 0) === 0 && aptPart !== undefined && typeof ansibleFacts['ansible_distribution'] === 'string';
    return {
      name: endpoint.name,
      ok,
      distribution: String(ansibleFacts['ansible_distribution'] ?? ''),
      distributionVersion: String(ansibleFacts['ansible_distribution_version'] ?? ''),
      pendingCount: aptPart === undefined ? null : countAptActions(aptPart),
      error: ok ? null : (failedMessage ?? (stats ? 'missing result' : 'host absent from output')),
    };
  });
}
