/**
 * The sshd_config every lab server shares. Address, port and host key differ per server and are
 * passed on the sshd command line, so 100 servers need one file, not 100.
 */

/** Settings that vary between labs. */
export interface SshdConfigOptions {
  /** File listing the client keys every lab user may log in with. */
  authorizedKeysFile: string;
  /** Only these accounts may log in, so the lab never becomes a way into other accounts. */
  allowUsers: readonly string[];
  passwordAuthentication: boolean;
  /** Variables every session gets (`SetEnv`), such as a PATH with stand-in commands for a benchmark. */
  sessionEnv?: Readonly<Record<string, string>>;
}

/** The text of the shared sshd_config. */
export function renderSshdConfig(options: SshdConfigOptions): string {
  return [
    'PidFile none',
    'UsePAM no',
    'StrictModes no',
    `AuthorizedKeysFile ${options.authorizedKeysFile}`,
    'PubkeyAuthentication yes',
    `PasswordAuthentication ${options.passwordAuthentication ? 'yes' : 'no'}`,
    'KbdInteractiveAuthentication no',
    'PermitRootLogin no',
    `AllowUsers ${options.allowUsers.join(' ')}`,
    'AllowTcpForwarding yes',
    'LogLevel ERROR',
    'MaxStartups 200:30:300',
    'MaxSessions 64',
    'MaxAuthTries 6',
    'LoginGraceTime 30',
    'UseDNS no',
    'PrintMotd no',
    'PrintLastLog no',
    'Banner none',
    ...sessionEnvLines(options.sessionEnv ?? {}),
    '',
  ].join('\n');
}

function sessionEnvLines(env: Readonly<Record<string, string>>): string[] {
  const pairs = Object.entries(env);
  for (const [name, value] of pairs) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) || /[\s"\\]/.test(value)) throw new Error(`the lab cannot set ${name}=${value}: names are identifiers, values have no spaces or quotes`);
  }
  return pairs.length === 0 ? [] : [`SetEnv ${pairs.map(([name, value]) => `${name}=${value}`).join(' ')}`];
}
