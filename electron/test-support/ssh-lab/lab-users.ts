/**
 * The real OS accounts the lab logs in as. Creation is idempotent and never deletes anything, so
 * parallel test files and repeated runs can all call it; it needs root, as sshd itself does.
 */
import { existsSync } from 'node:fs';
import { writeFile, rename } from 'node:fs/promises';
import { hasCommand, runTool } from './run-tool';

/** One lab account. */
export interface LabUser {
  username: string;
  password: string;
}

/** Every lab account, by the role it plays in tests. */
export interface LabUsers {
  /** Logs in with the lab client key; not in sudoers. */
  key: LabUser;
  /** Logs in with its password. */
  pass: LabUser;
  /** May sudo with its own password, without a TTY. */
  sudo: LabUser;
  /** May sudo with its own password, but sudoers demands a TTY. */
  tty: LabUser;
}

// Fixed so end-to-end tests and benchmarks in other processes can log in without sharing state.
const LAB_USERS: LabUsers = {
  key: { username: 'pdlab-key', password: 'pdlab-key-Pw-7f3a' },
  pass: { username: 'pdlab-pass', password: 'pdlab-pass-Pw-91c2' },
  sudo: { username: 'pdlab-sudo', password: 'pdlab-sudo-Pw-5d8e' },
  tty: { username: 'pdlab-tty', password: 'pdlab-tty-Pw-2b64' },
};

const SUDOERS_FILE = '/etc/sudoers.d/pdlab';
const SUDOERS = [
  '# Patchdesk SSH lab accounts (electron/test-support/ssh-lab).',
  `Defaults:${LAB_USERS.sudo.username} !requiretty, lecture=never`,
  `Defaults:${LAB_USERS.tty.username} requiretty, lecture=never`,
  `${LAB_USERS.sudo.username} ALL=(ALL) ALL`,
  `${LAB_USERS.tty.username} ALL=(ALL) ALL`,
  '',
].join('\n');

let ensured: Promise<LabUsers> | undefined;

/** Creates the lab accounts and their sudoers rules if needed; returns their credentials. */
export function ensureLabUsers(): Promise<LabUsers> {
  ensured ??= createUsers().catch((error: unknown) => {
    ensured = undefined;
    throw error;
  });
  return ensured;
}

async function createUsers(): Promise<LabUsers> {
  if (process.getuid?.() !== 0) throw new Error('the SSH lab must run as root: it creates OS users and starts sshd');
  if (!(await hasCommand('sudo'))) throw new Error('the SSH lab needs `sudo` installed (apt-get install -y sudo)');
  if (!existsSync('/usr/sbin/sshd')) throw new Error('the SSH lab needs OpenSSH server at /usr/sbin/sshd (apt-get install -y openssh-server)');
  const shell = existsSync('/bin/bash') ? '/bin/bash' : '/bin/sh';
  for (const user of Object.values(LAB_USERS)) {
    if (!(await userExists(user.username))) {
      await withLockRetry(async () => {
        if (!(await userExists(user.username))) await runTool('useradd', ['-m', '-s', shell, user.username]);
      });
    }
  }
  const lines = Object.values(LAB_USERS).map((user) => `${user.username}:${user.password}`).join('\n');
  await withLockRetry(() => runTool('chpasswd', [], `${lines}\n`));
  const staged = `${SUDOERS_FILE}.${process.pid}.tmp`;
  await writeFile(staged, SUDOERS, { mode: 0o440 });
  await runTool('visudo', ['-c', '-q', '-f', staged]);
  // sudo skips drop-ins whose names contain a dot, so the staged file is inert until renamed.
  await rename(staged, SUDOERS_FILE);
  return LAB_USERS;
}

async function userExists(username: string): Promise<boolean> {
  try {
    await runTool('id', ['-u', username]);
    return true;
  } catch {
    return false;
  }
}

// Several test processes may edit /etc/passwd and /etc/shadow at once; shadow-utils then refuses with a lock error.
async function withLockRetry(action: () => Promise<unknown>): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await action();
      return;
    } catch (error) {
      if (attempt >= 30) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 + Math.random() * 150));
    }
  }
}
