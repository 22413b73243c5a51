/** A real SNMP v2c agent (net-snmp) on a loopback address, answering sysDescr and sysName, for tests. */
import snmp from 'net-snmp';

/** What the test agent answers, and to whom. */
export interface SnmpAgentOptions {
  address: string;
  community: string;
  sysDescr: string;
  sysName: string;
}

/** A running test agent. */
export interface TestSnmpAgent {
  /** The UDP port it listens on. */
  readonly port: number;
  /** Datagrams the agent has received so far, answered or not (a wrong community is dropped). */
  readonly received: number;
  close(): Promise<void>;
}

interface AgentSockets {
  listener: { sockets: Record<string, import('node:dgram').Socket> };
}

/**
 * Starts an agent that accepts only `community` on a free port; resolves once it can answer.
 * net-snmp reads port 0 as 161, so a random port is tried and another one taken when it is in use.
 */
export async function startSnmpAgent(options: SnmpAgentOptions): Promise<TestSnmpAgent> {
  for (let attempt = 0; ; attempt++) {
    const port = 20_000 + Math.floor(Math.random() * 10_000);
    try {
      return await startOn(options, port);
    } catch (error) {
      if (attempt >= 20 || (error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    }
  }
}

async function startOn(options: SnmpAgentOptions, port: number): Promise<TestSnmpAgent> {
  const agent = snmp.createAgent({ port, address: options.address }, () => {});
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
  const close = () => new Promise<void>((resolve) => agent.close(() => resolve()));
  // net-snmp binds its sockets without telling when it is done; their own 'listening' events do.
  const sockets = Object.values((agent as unknown as AgentSockets).listener.sockets);
  let received = 0;
  try {
    await Promise.all(
      sockets.map((socket) => {
        socket.on('message', () => received++);
        return new Promise<void>((resolve, reject) => {
          socket.once('listening', () => resolve());
          socket.once('error', reject);
        });
      }),
    );
  } catch (error) {
    await close().catch(() => undefined);
    throw error;
  }
  return {
    port,
    get received() {
      return received;
    },
    close,
  };
}
