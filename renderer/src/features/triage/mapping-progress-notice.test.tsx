import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { AssetPatchStatus } from '../../../../shared/contract';
import { fleetColumns } from '../patch-status/fleet-columns';
import { MappingProgressNotice } from './mapping-progress-notice';

describe('mapping in progress on screen', () => {
  it('shows the shared notice while assets wait, nothing when current', () => {
    const html = renderToStaticMarkup(<MappingProgressNotice mapping={{ current: false, pendingAssets: 2 }} testId="notice" />);
    expect(html).toContain('CVE mapping in progress for 2 assets: their known-exploited fixes and KEV deadlines are not final, and they are not counted as clean.');
    expect(renderToStaticMarkup(<MappingProgressNotice mapping={{ current: true, pendingAssets: 0 }} />)).toBe('');
    expect(renderToStaticMarkup(<MappingProgressNotice mapping={undefined} />)).toBe('');
  });

  it("the fleet's KEV cell says 'mapping…' for an asset waiting, never '—'", () => {
    const kev = fleetColumns('Europe/Berlin', new Map(), new Set([7])).find((column) => column.id === 'kev');
    const row = { assetId: 7, lastSuccessAt: '2026-11-01T08:00:00.000Z', state: 'security_pending' } as unknown as AssetPatchStatus;
    const cell = renderToStaticMarkup(<>{kev?.render(row)}</>);
    expect(cell).toContain('mapping…');
    expect(renderToStaticMarkup(<>{kev?.render({ ...row, assetId: 8 })}</>)).not.toContain('mapping…');
  });
});
