import { describe, expect, it } from 'vitest';
import { topicsOfAuditRow } from './change-topics';

describe('topicsOfAuditRow', () => {
  it('names the topic of each kind of audit row', () => {
    expect(topicsOfAuditRow('site', 'site-created')).toEqual(['sites']);
    expect(topicsOfAuditRow('asset', 'imported')).toEqual(['assets']);
    expect(topicsOfAuditRow('asset', 'tier-classified')).toEqual(['assets']);
    expect(topicsOfAuditRow('import', 'csv-imported')).toEqual(['assets']);
    expect(topicsOfAuditRow('scan', 'scan-completed')).toEqual(['scans', 'assets']);
    expect(topicsOfAuditRow('policy', 'policy-changed')).toEqual(['policy']);
    expect(topicsOfAuditRow('vault', 'vault-created')).toEqual(['credentials']);
    expect(topicsOfAuditRow('credential', 'credential-used')).toEqual(['credentials']);
    expect(topicsOfAuditRow('collection', 'collection-completed')).toEqual(['patch-status']);
    expect(topicsOfAuditRow('exception', 'exception-created')).toEqual(['exceptions']);
    expect(topicsOfAuditRow('cycle', 'cycle-item-done')).toEqual(['cycles']);
    expect(topicsOfAuditRow('evidence', 'pack-exported')).toEqual(['evidence']);
  });

  it('files a stored collection and an approved host key under patch status, not the inventory', () => {
    expect(topicsOfAuditRow('asset', 'patch-status-collected')).toEqual(['patch-status']);
    expect(topicsOfAuditRow('asset', 'host-key-approved')).toEqual(['patch-status']);
  });

  it('names nothing for an export, which no screen shows', () => {
    expect(topicsOfAuditRow('export', 'assets-exported')).toEqual([]);
  });
});
