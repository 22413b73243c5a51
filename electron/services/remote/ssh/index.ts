/** Public surface of the SSH executor: run commands on Linux hosts agentlessly, with pinned host keys. */
export { openSshSession, type OpenSshSessionOptions, type SshSession } from './open-ssh-session';
export { type CommandResult, type RunOptions } from './run-command';
export { runOnHosts, type HostOutcome, type RunOnHostsOptions } from './run-on-hosts';
export { SshError, isSshError, type SshErrorCode } from './ssh-error';
export { type SshAuth, type SshTarget, describeTarget, targetProblem } from './ssh-target';
export { type HostKeyInfo, type HostKeyPolicy, describeHostKey, normalizeFingerprint, sameFingerprint } from './host-key';
