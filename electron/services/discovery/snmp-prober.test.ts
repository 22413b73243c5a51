import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startSnmpQuery, type SnmpIdentity } from './snmp-prober';
import { loopbackBlock } from './testing/loopback-servers';
import { startSnmpAgent, type TestSnmpAgent } from './testing/snmp-agent';

const block = loopbackBlock();
const agentHost = `${block}.1`;
let agent: TestSnmpAgent;

// A generous default, so a loaded machine cannot turn an answer into a timeout.
function query(address: string, community: string, timeoutMs = 10_000): Promise<{ identity: SnmpIdentity | null }> {
  return new Promise((resolve) => {
    startSnmpQuery(address, { community, port: agent.port, timeoutMs }, (identity) => resolve({ identity }));
  });
}

beforeAll(async () => {
  agent = await startSnmpAgent({
    address: agentHost,
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
    const before = agent.received;
    const { identity } = await query(agentHost, 'public', 200);
    expect(identity).toBeNull();
    // The request and its one retry reach the agent, which drops both.
    await vi.waitFor(() => expect(agent.received - before).toBe(2), { timeout: 10_000 });
  });

  it('gets no answer where no agent listens', async () => {
    expect((await query(`${block}.2`, 's3cret-community', 100)).identity).toBeNull();
  });

  it('stays silent once cancelled', async () => {
    let called = false;
    const job = startSnmpQuery(agentHost, { community: 's3cret-community', port: agent.port, timeoutMs: 300 }, () => {
      called = true;
    });
    job.cancel();
    // The agent answers in order: once a later query has its answer, the cancelled one's would have come.
    expect((await query(agentHost, 's3cret-community')).identity).not.toBeNull();
    expect(called).toBe(false);
  });
});
