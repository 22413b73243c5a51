import { describe, expect, it } from 'vitest';
import type { AssetRing } from '../../../../shared/contract';
import { buildPlanRequest, emptyHook, fixingAssetIds, initialDraft, ringsFromMembership, splitPackages } from './deploy-plan-model';

const asset = (assetId: number, ring: AssetRing['ring']): AssetRing => ({ assetId, name: `h${assetId}`, ring, assigned: true, assetClass: 'os-and-apps', cadence: 'monthly' });
const membership = [asset(1, 'test'), asset(2, 'pilot'), asset(3, 'broad'), asset(4, 'broad'), asset(5, 'pilot')];

describe('ringsFromMembership', () => {
  it('groups hosts by the site ring in order, leaving the last ring without a gate', () => {
    const rings = ringsFromMembership(membership, []);
    expect(rings.map((ring) => [ring.name, ring.assetIds, ring.manualApproval])).toEqual([
      ['test', [1], true],
      ['pilot', [2, 5], true],
      ['broad', [3, 4], false],
    ]);
  });

  it('keeps only the chosen hosts and drops empty rings', () => {
    expect(ringsFromMembership(membership, [2, 4]).map((ring) => [ring.name, ring.assetIds, ring.manualApproval])).toEqual([
      ['pilot', [2], true],
      ['broad', [4], false],
    ]);
  });
});

describe('buildPlanRequest', () => {
  const base = initialDraft({ membership, assetIds: [], cycle: { id: 7, title: 'Emergency: CVE-2026-1', emergency: true }, today: '2026-12-07' });

  it('sends the rings, budget and cycle of a valid draft', () => {
    const result = buildPlanRequest(3, base);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.request).toMatchObject({ siteId: 3, name: 'Emergency: CVE-2026-1: deploy', selection: { kind: 'security', packages: [] }, cycleId: 7, failureBudget: '1' });
    expect(result.request.rings.map((ring) => ring.concurrency)).toEqual([2, 2, 5]);
  });

  it('names each bad field and sends nothing', () => {
    const result = buildPlanRequest(3, { ...base, name: ' ', selection: 'packages', packages: ' , ', failureBudget: 'lots', pre: [{ ...emptyHook(), timeoutSeconds: '0' }], rings: base.rings.map((ring, index) => (index === 1 ? { ...ring, concurrency: 'x' } : ring)) });
    expect(result).toEqual({
      ok: false,
      errors: {
        name: 'Give the rollout a name',
        packages: 'Name at least one package or KB',
        failureBudget: 'A number of hosts (2) or a percentage (10%)',
        'pre.0.command': 'Type the command, or remove the step',
        'pre.0.timeoutSeconds': 'The timeout is a whole number from 1 to 7200',
        'rings.1.concurrency': 'Concurrency is a whole number from 1 to 100',
      },
    });
  });

  it('turns typed steps into checks and names a bad one', () => {
    const post = [
      { ...emptyHook('unit'), command: 'nginx' },
      { ...emptyHook('port'), command: '443' },
      { ...emptyHook('http'), command: 'http://localhost/health', expectStatus: '204' },
      { ...emptyHook('command'), command: 'test -f /run/app.pid' },
    ];
    const result = buildPlanRequest(3, { ...base, post });
    expect(result.ok && result.request.post).toEqual([
      { kind: 'unit', unit: 'nginx', timeoutSeconds: 30 },
      { kind: 'port', port: 443, timeoutSeconds: 30 },
      { kind: 'http', url: 'http://localhost/health', expectStatus: 204, timeoutSeconds: 30 },
      { kind: 'command', command: 'test -f /run/app.pid', timeoutSeconds: 300 },
    ]);
    const bad = buildPlanRequest(3, { ...base, post: [{ ...emptyHook('port'), command: '99999' }] });
    expect(bad).toEqual({ ok: false, errors: { 'post.0.command': '"99999" is not a TCP port (1 to 65535)' } });
  });

  it('plans exactly the fixing updates when opened from a triage, and narrows by severity and advisories', () => {
    const fromTriage = initialDraft({ membership, assetIds: [2, 3], cycle: null, today: '2026-12-07', fixes: 'DSA-5800-1' });
    expect(fromTriage.name).toBe('Fix DSA-5800-1');
    const result = buildPlanRequest(3, { ...fromTriage, minSeverity: 'high', advisories: 'cve-2026-1, KB5034441' });
    expect(result.ok && result.request.selection).toEqual({ kind: 'all', packages: [], kbs: [], minSeverity: 'high', advisories: ['cve-2026-1', 'KB5034441'], fixes: 'DSA-5800-1' });
    expect(result.ok && result.request.rings.flatMap((ring) => ring.assetIds)).toEqual([2, 3]);
    expect(buildPlanRequest(3, { ...fromTriage, advisories: 'DSA-1-1 ??' })).toMatchObject({ ok: false, errors: { advisories: '"??" is not a CVE, KB or advisory id' } });
    expect(fixingAssetIds([{ assetId: 1, state: 'fix_pending' }, { assetId: 2, state: 'fixed' }])).toEqual([1]);
  });

  it('asks the firmware of each network device in the plan, and sends it as its manual step', () => {
    const missing = buildPlanRequest(3, base, new Set([3]));
    expect(missing).toMatchObject({ ok: false, errors: { 'manual.3': 'Name the firmware or version installed by hand' } });
    const named = buildPlanRequest(3, { ...base, manualTargets: { 3: ' 17.9.4a ' } }, new Set([3]));
    expect(named.ok && named.request.manualTargets).toEqual([{ assetId: 3, target: '17.9.4a' }]);
  });

  it('refuses a plan with no host', () => {
    const result = buildPlanRequest(3, { ...base, rings: [] });
    expect(result.ok).toBe(false);
  });

  it('splits package names on commas, spaces and lines, once each', () => {
    expect(splitPackages('openssl, libssl3\nopenssl  curl')).toEqual(['openssl', 'libssl3', 'curl']);
  });
});
