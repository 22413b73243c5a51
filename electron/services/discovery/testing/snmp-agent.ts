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
  close(): Promise<void>;
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
  // net-snmp binds without telling when it is done; a short pause is enough on loopback.
  await new Promise((resolve) => setTimeout(resolve, 100));
  return { close: () => new Promise<void>((resolve) => agent.close(() => resolve())) };
}
