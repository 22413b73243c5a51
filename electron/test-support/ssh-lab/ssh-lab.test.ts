import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptsConnections } from './loopback';
import { keyFingerprint } from './lab-keys';
import { startSshLab, type SshLab } from './ssh-lab';

let lab: SshLab;

beforeAll(async () => {
  lab = await startSshLab({ servers: 3, sharedHostKey: true });
});
afterAll(async () => {
  await lab?.stop();
});

describe('startSshLab', () => {
  it('starts sshd on distinct loopback addresses', async () => {
    expect(new Set(lab.servers.map((server) => `${server.host}:${server.port}`)).size).toBe(3);
    for (const server of lab.servers) {
      expect(server.host).toMatch(/^127\./);
      expect(await acceptsConnections(server.host, server.port)).toBe(true);
    }
  });

  it('shares one host key when asked and reports its ssh-keygen fingerprint', async () => {
    const fingerprints = new Set(lab.servers.map((server) => server.hostKey.sha256));
    expect(fingerprints.size).toBe(1);
    expect(await keyFingerprint(`${lab.servers[0]!.hostKey.privateKeyPath}.pub`)).toBe(lab.servers[0]!.hostKey.sha256);
  });

  it('adds a server with its own key and rotates it on restart', async () => {
    const server = await lab.addServer('extra');
    const first = server.hostKey.sha256;
    expect(first).not.toBe(lab.servers[0]!.hostKey.sha256);
    await server.restart({ newHostKey: true });
    expect(server.hostKey.sha256).not.toBe(first);
    expect(await acceptsConnections(server.host, server.port)).toBe(true);
  });

  it('stops every server and removes its files', async () => {
    const other = await startSshLab({ servers: 2 });
    await other.stop();
    expect(existsSync(other.dir)).toBe(false);
    for (const server of other.servers) expect(await acceptsConnections(server.host, server.port)).toBe(false);
  });
});
