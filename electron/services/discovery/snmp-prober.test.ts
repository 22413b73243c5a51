import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSnmpQuery, type SnmpIdentity } from './snmp-prober';
import { loopbackBlock } from './testing/loopback-servers';
import { randomSnmpPort, startSnmpAgent, type TestSnmpAgent } from './testing/snmp-agent';

const block = loopbackBlock();
const agentHost = `${block}.1`;
const port = randomSnmpPort();
let agent: TestSnmpAgent;

function query(address: string, community: string, timeoutMs = 300): Promise<{ identity: SnmpIdentity | null; ms: number }> {
  const started = Date.now();
  return new Promise((resolve) => {
    startSnmpQuery(address, { community, port, timeoutMs }, (identity) => resolve({ identity, ms: Date.now() - started }));
  });
}

beforeAll(async () => {
  agent = await startSnmpAgent({
    address: agentHost,
    port,
    community: 's3cret-community',
    sysDescr: 'Cisco IOS Software, C2960 Software (C2960-LANBASEK9-M), Version 15.0(2)SE11',
    sysName: 'core-sw1\u001b[31m',
  });
});

afterAll(async () => {
  await agent.close();
});

describe('startSnmpQuery', () => {
  it('reads sysDescr and sysName with the right community', async () => {
    const { identity } = await query(agentHost, 's3cret-community');
    expect(identity).toEqual({
      sysDescr: 'Cisco IOS Software, C2960 Software (C2960-LANBASEK9-M), Version 15.0(2)SE11',
      sysName: 'core-sw1',
    });
  });

  it('gets no answer with the wrong community, after the timeout and one retry', async () => {
    const { identity, ms } = await query(agentHost, 'public', 200);
    expect(identity).toBeNull();
    expect(ms).toBeGreaterThanOrEqual(380);
    expect(ms).toBeLessThan(1500);
  });

  it('gets no answer where no agent listens', async () => {
    expect((await query(`${block}.2`, 's3cret-community', 100)).identity).toBeNull();
  });

  it('stays silent once cancelled', async () => {
    let called = false;
    const job = startSnmpQuery(agentHost, { community: 's3cret-community', port, timeoutMs: 300 }, () => {
      called = true;
    });
    job.cancel();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(called).toBe(false);
  });
});
