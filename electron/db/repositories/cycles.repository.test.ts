import { describe, expect, it } from 'vitest';
import { openDatabase } from '../database';
import { CyclesRepository, type NewCycle } from './cycles.repository';

function seeded() {
  const db = openDatabase(':memory:');
  db.prepare("INSERT INTO sites (name, policy_json, created_at, updated_at) VALUES ('Acme', '{}', 'now', 'now')").run();
  db.prepare("INSERT INTO sites (name, policy_json, created_at, updated_at) VALUES ('Other', '{}', 'now', 'now')").run();
  const asset = db.prepare("INSERT INTO assets (site_id, hostname, status, source, created_at, updated_at) VALUES (?, ?, 'active', 'manual', 'now', 'now')");
  asset.run(1, 'web01');
  asset.run(1, 'db01');
  asset.run(2, 'elsewhere');
  return { db, repo: new CyclesRepository(db) };
}

const baseline: NewCycle = { siteId: 1, kind: 'baseline', month: '2026-11', title: 'Baseline 2026-11', triggerKind: null, triggerRef: '', reason: '', anchorDate: '2026-11-10', deadlineAt: null, periodFrom: '2026-11-09T23:00:00.000Z', periodTo: '2026-12-07T23:00:00.000Z', openedAt: '2026-11-02T09:00:00.000Z', openedBy: 'me' };

describe('CyclesRepository', () => {
  it('stores a cycle with its items, and every tick and reopening as history', () => {
    const { db, repo } = seeded();
    const id = repo.insertCycle(baseline, [{ key: 'a', kind: 'task', title: 'A', description: '', dueDate: '2026-11-09' }, { key: 'b', kind: 'rescan', title: 'B', description: 'd', dueDate: '2026-11-18' }], []);
    expect(repo.baselineFor(1, '2026-11')).toMatchObject({ id, status: 'open' });
    const [a] = repo.items([id]);
    expect(a).toMatchObject({ key: 'a', position: 0, state: 'pending' });
    repo.appendEvent({ itemId: a!.id, at: 't1', actor: 'me', action: 'done', doneBy: 'Ana', doneAt: 't0', note: 'n', evidence: [{ kind: 'link', url: 'https://x.example', name: '' }], rescan: null });
    expect(repo.items([id])[0]?.state).toBe('done');
    repo.appendEvent({ itemId: a!.id, at: 't2', actor: 'me', action: 'reopened', doneBy: '', doneAt: null, note: 'why', evidence: [], rescan: null });
    expect(repo.items([id])[0]?.state).toBe('pending');
    expect(repo.events([a!.id]).map((event) => [event.action, event.evidence.length])).toEqual([['done', 1], ['reopened', 0]]);
    repo.close(id, '2026-11-30T10:00:00.000Z', 'me', 'done');
    expect(repo.cycle(id)).toMatchObject({ status: 'closed', closedAt: '2026-11-30T10:00:00.000Z', periodTo: baseline.periodTo });
    expect(repo.list(1, 'open')).toEqual([]);
    db.close();
  });

  it('finds an open emergency by trigger whatever the case, and ends its period on closing', () => {
    const { db, repo } = seeded();
    const id = repo.insertCycle({ ...baseline, kind: 'emergency', month: null, triggerKind: 'cve', triggerRef: 'CVE-2026-1', reason: 'r', deadlineAt: '2026-11-05T23:00:00.000Z', periodTo: null }, [], [2, 1, 2]);
    expect(repo.openEmergencyFor(1, 'cve-2026-1')?.id).toBe(id);
    expect(repo.cycleAssets(id)).toEqual([1, 2]);
    repo.close(id, '2026-11-04T10:00:00.000Z', 'me', '');
    expect(repo.cycle(id)?.periodTo).toBe('2026-11-04T10:00:00.000Z');
    expect(repo.openEmergencyFor(1, 'CVE-2026-1')).toBeUndefined();
    db.close();
  });

  it('keeps settings, templates, rings and windows per site', () => {
    const { db, repo } = seeded();
    expect(repo.settings(1)).toBeUndefined();
    repo.saveTemplate(1, 'emergency', [{ key: 'x', title: 'X', description: '', kind: 'task', dueFrom: 'deadline', dueOffsetDays: 0 }], 't1', 'me');
    repo.saveSettings(1, { cadenceStartMonth: 2 }, 't2', 'you');
    expect(repo.settings(1)).toMatchObject({ settings: { cadenceStartMonth: 2 }, baselineTemplate: null, emergencyTemplate: [{ key: 'x' }], updatedAt: 't2', updatedBy: 'you' });
    repo.setRing(1, 'test', 't', 'me');
    repo.setRing(3, 'pilot', 't', 'me');
    repo.setRing(1, 'pilot', 't', 'me');
    expect([...repo.rings(1)]).toEqual([[1, 'pilot']]);
    repo.setRing(1, null, 't', 'me');
    expect(repo.rings(1).size).toBe(0);
    repo.replaceWindows(1, [{ ring: null, label: 'nightly', weekdays: ['mon', 'tue'], start: '22:00', durationMinutes: 120 }]);
    repo.replaceWindows(1, [{ ring: 'test', label: '', weekdays: ['sat'], start: '06:00', durationMinutes: 60 }]);
    expect(repo.windows(1)).toEqual([{ id: expect.any(Number), ring: 'test', label: '', weekdays: ['sat'], start: '06:00', durationMinutes: 60 }]);
    expect(repo.windows(2)).toEqual([]);
    db.close();
  });

  it("reads a site's collections within a period, whatever offset they were stored with", () => {
    const { db, repo } = seeded();
    const collection = db.prepare("INSERT INTO host_collections (asset_id, run_id, collected_at, method, outcome) VALUES (?, ?, ?, 'ssh', ?)");
    db.prepare("INSERT INTO collection_runs (site_id, status, started_at, finished_at, hosts_total, hosts_ok, hosts_failed) VALUES (1, 'completed', '2026-11-10T07:00:00.000Z', '2026-11-10T07:05:00.000Z', 2, 1, 1)").run();
    collection.run(1, 1, '2026-11-10T08:00:00+01:00', 'ok');
    collection.run(2, 1, '2026-11-10T07:01:00.000Z', 'failed');
    collection.run(1, null, '2026-11-09T23:30:00+01:00', 'ok');
    collection.run(3, null, '2026-11-10T07:00:00.000Z', 'ok');
    const activity = repo.collectionActivity(1, '2026-11-09T23:00:00.000Z', '2026-12-07T23:00:00.000Z');
    expect([...activity.assets]).toEqual([[1, { ok: true, lastAt: '2026-11-10T08:00:00+01:00' }], [2, { ok: false, lastAt: '2026-11-10T07:01:00.000Z' }]]);
    expect(activity.runs).toEqual([{ id: 1, status: 'completed', startedAt: '2026-11-10T07:00:00.000Z', finishedAt: '2026-11-10T07:05:00.000Z', hostsTotal: 2, hostsOk: 1, hostsFailed: 1 }]);
    expect(repo.collectionActivity(1, '2026-11-10T07:30:00.000Z', null).assets.size).toBe(0);
    db.close();
  });
});
