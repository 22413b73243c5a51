/** Real OpenSSH servers on loopback for SSH executor tests, end-to-end tests and benchmarks. */
export { startSshLab, type SshLab, type SshLabOptions } from './ssh-lab';
export { type LabSshServer } from './sshd-server';
export { type LabUser, type LabUsers, ensureLabUsers } from './lab-users';
export { type LabKeyPair, generateKeyPair, keyFingerprint } from './lab-keys';
export { descendantPids, killAll } from './process-tree';
export { type LabAuth, labTarget, labSecrets, leakedSecrets } from './lab-targets';
