import { afterEach, describe, expect, it } from 'vitest';
import { freshSigner } from '../../test-support/forge-pack';
import { runCliCapturing } from '../../test-support/run-cli';
import { makeTempDir, removeTempDirs } from '../../test-support/temp-dir';

afterEach(() => {
  removeTempDirs();
  process.exitCode = undefined;
});

describe('patchdesk evidence trust', () => {
  it('adds, lists (table and JSON) and removes trusted signers', async () => {
    const dataDir = makeTempDir();
    const berlin = freshSigner();
    const hamburg = freshSigner();
    expect(await runCliCapturing(dataDir, ['evidence', 'trust', 'list'])).toMatchObject({ code: 0, out: expect.stringMatching(/^No trusted signers/) });
    expect((await runCliCapturing(dataDir, ['evidence', 'trust', 'add', berlin.fingerprint, '--name', 'Northwind Berlin'])).code).toBe(0);
    const added = await runCliCapturing(dataDir, ['evidence', 'trust', 'add', hamburg.fingerprint.replace('SHA256:', ''), '--name', 'Northwind Hamburg', '--json']);
    expect(JSON.parse(added.out)).toMatchObject({ fingerprint: hamburg.fingerprint, name: 'Northwind Hamburg', addedBy: expect.any(String) });
    const table = await runCliCapturing(dataDir, ['evidence', 'trust', 'list']);
    expect(table.out.split('\n')[0]).toMatch(/^FINGERPRINT +NAME +ADDED BY +ADDED \(UTC\)$/);
    expect(table.out).toMatch(new RegExp(`^${berlin.fingerprint.replace(/[+/]/g, '\\$&')} +Northwind Berlin +`, 'm'));
    const listed = JSON.parse((await runCliCapturing(dataDir, ['evidence', 'trust', 'list', '--json'])).out) as { name: string }[];
    expect(listed.map((signer) => signer.name)).toEqual(['Northwind Berlin', 'Northwind Hamburg']);
    expect(await runCliCapturing(dataDir, ['evidence', 'trust', 'remove', berlin.fingerprint])).toMatchObject({ code: 0, out: `No longer trusted: ${berlin.fingerprint}. Packs it signed now fail verification here.` });
    expect(JSON.parse((await runCliCapturing(dataDir, ['evidence', 'trust', 'list', '--json'])).out)).toHaveLength(1);
  });

  it('names a bad fingerprint, a missing name, a repeated addition and an unknown removal (exit 2)', async () => {
    const dataDir = makeTempDir();
    const signer = freshSigner();
    expect(await runCliCapturing(dataDir, ['evidence', 'trust', 'add', 'SHA256:not-a-key', '--name', 'X'])).toMatchObject({ code: 2, err: expect.stringMatching(/^patchdesk: "SHA256:not-a-key" is not a signing key fingerprint: it contains characters that are not base64/) });
    expect(await runCliCapturing(dataDir, ['evidence', 'trust', 'add', signer.fingerprint])).toMatchObject({ code: 2, err: expect.stringContaining('say whose key this is with --name TEXT') });
    expect(await runCliCapturing(dataDir, ['evidence', 'trust', 'add', '--name', 'X'])).toMatchObject({ code: 2, err: expect.stringContaining('evidence trust add needs one FINGERPRINT') });
    expect((await runCliCapturing(dataDir, ['evidence', 'trust', 'add', signer.fingerprint, '--name', 'Northwind'])).code).toBe(0);
    expect(await runCliCapturing(dataDir, ['evidence', 'trust', 'add', signer.fingerprint, '--name', 'Again'])).toMatchObject({ code: 2, err: expect.stringContaining(`the key ${signer.fingerprint} is already trusted, as "Northwind"`) });
    const other = freshSigner();
    expect(await runCliCapturing(dataDir, ['evidence', 'trust', 'remove', other.fingerprint])).toMatchObject({ code: 2, err: `patchdesk: the key ${other.fingerprint} is not a trusted signer, so there is nothing to remove` });
    expect((await runCliCapturing(dataDir, ['evidence', 'trust', 'frobnicate'])).code).toBe(2);
  });
});
