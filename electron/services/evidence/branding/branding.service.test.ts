import { afterEach, describe, expect, it } from 'vitest';
import type { Branding } from '../../../../shared/contract/evidence';
import { removeTempDirs } from '../../../test-support/temp-dir';
import { call, openTestCore } from '../../../test-support/test-core';

afterEach(removeTempDirs);

const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC';

describe('BrandingService', () => {
  it('starts empty, saves name, contact and logo, and audits the change with the logo hash only', async () => {
    const core = openTestCore();
    expect(await call<Branding>(core, 'evidence:branding', {})).toEqual({ mspName: '', contactLine: '', logo: null, updatedAt: null, updatedBy: '' });
    const saved = await call<Branding>(core, 'evidence:setBranding', { mspName: '  Northwind IT ', contactLine: 'help@northwind.example · +49 30 1234', logo: { mimeType: 'image/png', base64: PNG } });
    expect(saved).toEqual({ mspName: 'Northwind IT', contactLine: 'help@northwind.example · +49 30 1234', logo: { mimeType: 'image/png', base64: PNG }, updatedAt: '2026-11-02T09:00:00.000Z', updatedBy: 'tester' });
    expect(core.services.branding.forReport().logo?.bytes.equals(Buffer.from(PNG, 'base64'))).toBe(true);
    const entry = core.db.prepare<[], { action: string; details_json: string }>("SELECT action, details_json FROM audit_log WHERE entity_type = 'evidence'").get();
    expect(entry?.action).toBe('branding-updated');
    expect(JSON.parse(entry?.details_json ?? '{}')).toMatchObject({ mspName: 'Northwind IT', logo: { mimeType: 'image/png', sizeBytes: 69, width: 1, height: 1, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) } });
    expect(entry?.details_json).not.toContain(PNG);

    const cleared = await call<Branding>(core, 'evidence:setBranding', { mspName: '', contactLine: '', logo: null });
    expect(cleared).toMatchObject({ mspName: '', logo: null });
    await core.close();
  });

  it('refuses a bad logo or a multi-line name, naming the field, and changes nothing', async () => {
    const core = openTestCore();
    const gif = await core.dispatcher.invoke('evidence:setBranding', { mspName: 'X', contactLine: '', logo: { mimeType: 'image/png', base64: Buffer.from('GIF89a').toString('base64') } });
    expect(gif).toMatchObject({ ok: false, error: { code: 'bad_request', message: 'the logo was refused: it is a GIF image; use a PNG or JPEG', issues: [{ path: 'logo' }] } });
    const svgType = await core.dispatcher.invoke('evidence:setBranding', { mspName: 'X', contactLine: '', logo: { mimeType: 'image/svg+xml', base64: PNG } });
    expect(svgType).toMatchObject({ ok: false, error: { issues: [{ path: 'logo.mimeType', message: expect.stringContaining('PNG or JPEG') }] } });
    const twoLines = await core.dispatcher.invoke('evidence:setBranding', { mspName: 'North\nwind', contactLine: '', logo: null });
    expect(twoLines).toMatchObject({ ok: false, error: { issues: [{ path: 'mspName', message: 'must be a single line' }] } });
    const tooBig = await core.dispatcher.invoke('evidence:setBranding', { mspName: 'X', contactLine: '', logo: { mimeType: 'image/png', base64: 'A'.repeat(800_000) } });
    expect(tooBig).toMatchObject({ ok: false, error: { issues: [{ path: 'logo.base64', message: 'the logo is larger than 512 KB' }] } });
    expect((await call<Branding>(core, 'evidence:branding', {})).updatedAt).toBeNull();
    await core.close();
  });
});
