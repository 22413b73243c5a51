/** A real SNMP v2c agent (net-snmp) on a loopback address, answering sysDescr and sysName, for tests. */
import snmp from 'net-snmp';

/** What the test agent answers, and to whom. */
export interface SnmpAgentOptions {
  address: string;
  port: number;
  community: string;
  sysDescr: string;
  sysName: string;
}

/** A running test agent. */
export interface TestSnmpAgent {
  /** Datagrams the agent has received so far, answered or not (a wrong community is dropped). */
  readonly received: number;
  close(): Promise<void>;
}

interface AgentSockets {
  listener: { sockets: Record<string, import('node:dgram').Socket> };
}

/** A random UDP port above 20000 and below the ephemeral range, for one test file's agent. */
export function randomSnmpPort(): number {
  return 20_000 + Math.floor(Math.random() * 10_000);
}

/** Starts an agent that accepts only `community`; resolves once it can answer. */
export async function startSnmpAgent(options: SnmpAgentOptions): Promise<TestSnmpAgent> {
  const agent = snmp.createAgent({ port: options.port, address: options.address }, () => {});
  agent.getAuthorizer().addCommunity(options.community);
  const mib = agent.getMib();
  const scalars = [
    ['sysDescr', '1.3.6.1.2.1.1.1', options.sysDescr],
    ['sysName', '1.3.6.1.2.1.1.5', options.sysName],
  ] as const;
  for (const [name, oid, value] of scalars) {
    mib.registerProvider({ name, type: snmp.MibProviderType.Scalar, oid, scalarType: snmp.ObjectType.OctetString, maxAccess: snmp.MaxAccess['read-only'] ?? 2 });
    mib.setScalarValue(name, value);
  }
  // net-snmp binds its sockets without telling when it is done; their own 'listening' events do.
  const sockets = Object.values((agent as unknown as AgentSockets).listener.sockets);
  let received = 0;
  await Promise.all(
    sockets.map((socket) => {
      socket.on('message', () => received++);
      return new Promise<void>((resolve, reject) => {
        socket.once('listening', () => resolve());
        socket.once('error', reject);
      });
    }),
  );
  return {
    get received() {
      return received;
    },
    close: () => new Promise<void>((resolve) => agent.close(() => resolve())),
  };
}
