import { describe, expect, it } from 'vitest';
import { emptyEvidenceReport, sampleEvidenceReport } from '../../evidence-report.fixture';
import { contentText } from '../testing/content-text';
import { deploymentsSection } from './deployments';

describe('deploymentsSection', () => {
  it('shows each host with its versions, approval, outcome and verification', () => {
    const report = sampleEvidenceReport();
    const text = contentText(
      deploymentsSection({
        ...report,
        deployments: [
          { rolloutId: 3, rolloutName: 'October', rolloutState: 'completed', approvedBy: 'ana', approvedAt: '2026-10-14T08:00:00.000Z', ring: 'test', hostname: 'web01', packages: 'openssl 3.0.14 → 3.0.15', state: 'installed', startedAt: '2026-10-14T09:00:00.000Z', finishedAt: '2026-10-14T09:05:00.000Z', rebooted: true, rolledBack: false, verifiedAt: '2026-10-14T09:05:00.000Z', message: '', manual: null },
          { rolloutId: 3, rolloutName: 'October', rolloutState: 'completed', approvedBy: 'ana', approvedAt: '2026-10-14T08:00:00.000Z', ring: 'pilot', hostname: 'app02', packages: 'app 1.0 → 1.1', state: 'rolled_back', startedAt: null, finishedAt: '2026-10-14T10:00:00.000Z', rebooted: false, rolledBack: true, verifiedAt: null, message: 'post check failed', manual: null },
          { rolloutId: 3, rolloutName: 'October', rolloutState: 'completed', approvedBy: 'ana', approvedAt: '2026-10-14T08:00:00.000Z', ring: 'broad', hostname: 'sw01', packages: 'firmware 15.2(7) → 17.9.4', state: 'installed', startedAt: '2026-10-14T11:00:00.000Z', finishedAt: '2026-10-14T11:30:00.000Z', rebooted: false, rolledBack: false, verifiedAt: null, message: '', manual: { note: 'CHG-1042 upgraded via console', fileRef: 'sw01-show-version.txt', sha256: 'a'.repeat(64), by: 'ana', at: '2026-10-14T11:30:00.000Z' } },
        ],
      }),
    );
    expect(text).toMatch(/3 October\napproved by ana .*\ntest\nweb01\nopenssl 3\.0\.14 to 3\.0\.15\nrebooted\ninstalled/);
    expect(text).toMatch(/app02\napp 1\.0 to 1\.1\nwhy: post check failed\nrolled back/);
    // A plainly installed host carries no reason line.
    expect(text).not.toMatch(/web01[\s\S]*?why:[\s\S]*?app02/);
    expect(text).toMatch(/sw01\nfirmware 15\.2\(7\) to 17\.9\.4\nmanual step by ana: CHG-1042 upgraded via console; file sw01-show-version\.txt; SHA-256 a{64}\ninstalled \(manual\)/);
  });

  it('says so when no rollout ran', () => {
    expect(contentText(deploymentsSection(emptyEvidenceReport()))).toContain('No rollout ran in this period.');
  });
});
