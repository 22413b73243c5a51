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
    '',
  ].join('\n');
}
