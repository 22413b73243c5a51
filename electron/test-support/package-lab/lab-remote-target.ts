/** A lab host as the remote executor's target: root over SSH with the lab key, its host key pinned. */
import { readFileSync } from 'node:fs';
import type { RemoteTarget } from '../../services/remote/executor/remote-executor';
import type { LabHost } from './lab-host';

/** The executor target for `host`. */
export function labRemoteTarget(host: LabHost): RemoteTarget {
  return {
    protocol: 'ssh',
    name: host.name,
    ssh: { host: host.address, port: host.port, username: host.user, auth: { kind: 'key', privateKey: readFileSync(host.keyFile, 'utf8') }, connectTimeoutMs: 10_000, commandTimeoutMs: 120_000, knownHostKey: host.hostKey },
  };
}
