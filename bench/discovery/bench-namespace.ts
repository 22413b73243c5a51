/**
 * A throwaway network namespace for the benchmark: only its own loopback, with an nftables rule
 * that silently drops TCP SYNs to one block, so probes there must time out. Nothing leaves it.
 */
import { execFileSync } from 'node:child_process';

function run(command: string, args: string[], input?: string): void {
  execFileSync(command, args, { stdio: ['pipe', 'ignore', 'pipe'], input });
}

/** Creates the namespace, brings up its loopback and installs the SYN-drop rule. */
export function createNamespace(name: string, droppedCidr: string): void {
  run('ip', ['netns', 'add', name]);
  run('ip', ['-n', name, 'link', 'set', 'lo', 'up']);
  const rules = `table inet pdbench {
  chain output {
    type filter hook output priority 0; policy accept;
    ip daddr ${droppedCidr} tcp flags & (syn | ack) == syn drop
  }
}
`;
  run('ip', ['netns', 'exec', name, 'nft', '-f', '-'], rules);
}

/** Deletes the namespace; safe to call twice or when creation failed half-way. */
export function deleteNamespace(name: string): void {
  try {
    run('ip', ['netns', 'del', name]);
  } catch {
    // Already gone, or never created.
  }
}
