/**
 * Realistic evidence reports for tests and previews: a dental practice looked after by an MSP,
 * with overdue fixes, exceptions (one expired), a fully ticked baseline cycle and an emergency
 * cycle. The headline figures are derived from the rows below them, so every file of a pack
 * built from a fixture agrees with itself the way a real pack must.
 */
import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { DEFAULT_PATCH_POLICY, slaDaysFor, type Severity } from '../../../shared/domain/patch-policy';
import { TIERS, type Tier } from '../../../shared/domain/risk-tier';
import { OVERDUE_AGE_BANDS, overdueAgeBand, type OverdueAgeBand } from '../../../shared/domain/sla/sla-rules';
import { addLocalDays, formatLocalDate, localDateOf, localDaysBetween, parseInstant, zoneOffsetMs, type LocalDate } from '../../../shared/domain/sla/local-time';
import { DEFAULT_TIER } from '../../../shared/domain/sla/sla-rules';
import {
  EVIDENCE_REPORT_FORMAT_VERSION,
  standardMethodology,
  type AssetRow,
  type AuditExcerptRow,
  type ChecklistEntry,
  type CycleRecord,
  type EvidenceReport,
  type EvidenceSummary,
  type ExceptionRow,
  type MissingFixCounts,
  type OverdueByTierRow,
  type OverdueItemRow,
  type TierComplianceRow,
  type TrendPoint,
} from './evidence-report';
import { auditSentence } from './report/audit-sentence';

const TIME_ZONE = 'Europe/Berlin';
/** The local day of the period's end instant (midnight after its last day), as the SLA clock counts. */
const AS_OF: LocalDate = { year: 2026, month: 11, day: 1 };

/** An asset row plus the SLA split the headline figures are summed from. */
interface FixtureAsset extends Omit<AssetRow, 'pending' | 'securityPending' | 'overdue'> {
  pending: number;
  securityPending: number;
  overdue: number;
  excepted: number;
  dueSoon: number;
}

/** The instant of a wall-clock time in the site's zone (`2026-10-14 09:05`). */
function siteTime(local: string): string {
  const [date, time = '00:00'] = local.split(' ') as [string, string?];
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const [hour, minute] = time.split(':').map(Number) as [number, number];
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  // Two passes settle the offset on either side of a DST change.
  let instant = wall - zoneOffsetMs(wall, TIME_ZONE);
  instant = wall - zoneOffsetMs(instant, TIME_ZONE);
  return new Date(instant).toISOString();
}

function asset(hostname: string, ip: string, os: string, tier: Tier | null, ring: string | null, counts: [pending: number, security: number, overdue: number, excepted: number, dueSoon: number] = [0, 0, 0, 0, 0], extra: Partial<FixtureAsset> = {}): FixtureAsset {
  const [pending, securityPending, overdue, excepted, dueSoon] = counts;
  const row: FixtureAsset = { hostname, ip, os, tier, ring, lastCollectionAt: siteTime('2026-10-30 22:15'), measured: true, coverageGap: null, pending, securityPending, overdue, eol: false, eolOsSource: null, excepted, dueSoon, ...extra };
  return { ...row, eolOsSource: row.eol ? (row.eolOsSource ?? 'collection') : row.eolOsSource };
}

const WIN11 = 'Windows 11 Pro 23H2';
const WIN11_24 = 'Windows 11 Pro 24H2';

function sampleAssets(): FixtureAsset[] {
  return [
    asset('fw-edge01', '10.20.0.1', 'OPNsense 24.7.6', 1, 'pilot'),
    asset('portal01.contoso-dental.de', '10.20.10.5', 'Ubuntu 22.04.5 LTS', 1, 'pilot', [6, 3, 2, 0, 1]),
    asset('dc01', '10.20.0.10', 'Windows Server 2022 (21H2)', 1, 'broad', [2, 1, 1, 0, 0]),
    asset('pms-db01', '10.20.0.20', 'Windows Server 2019 (1809)', 1, 'broad', [3, 2, 1, 0, 1]),
    asset('mail-relay01', '10.20.10.6', 'Debian 12.7', 1, 'pilot'),
    asset('fs01', '10.20.0.11', 'Windows Server 2022 (21H2)', 2, 'broad'),
    asset('backup01', '10.20.0.30', 'Ubuntu 24.04.1 LTS', 2, 'pilot'),
    asset('xray-srv01', '10.20.40.10', 'Windows Server 2016 (1607)', 2, 'broad', [2, 2, 0, 1, 0]),
    asset('nas01', '10.20.0.31', 'Synology DSM 7.2.1', 2, 'broad', [1, 1, 1, 0, 0]),
    asset('print01', '10.20.0.12', 'Windows Server 2019 (1809)', 2, 'broad'),
    asset('hv01', '10.20.0.5', 'Windows Server 2022 Datacenter (21H2)', 2, 'broad'),
    asset('sw-core01', '10.20.0.2', 'Cisco IOS XE 17.9.4a', 2, 'broad', [0, 0, 0, 0, 0], { lastCollectionAt: siteTime('2026-10-02 22:15'), measured: false, coverageGap: 'last collection failed: SSH connection timed out after 20 s' }),
    ...['01', '02', '03', '04', '05', '06', '07', '08', '09'].map((n) =>
      asset(`op-${n}`, `10.20.20.${Number(n) + 10}`, WIN11, 3, n === '01' ? 'pilot' : 'broad', n === '03' ? [1, 1, 1, 0, 0] : [0, 0, 0, 0, 0], n === '07' ? { lastCollectionAt: siteTime('2026-10-16 22:15'), measured: false, coverageGap: 'last collection failed: WinRM rejected the "Practice PCs" credential (password changed?)' } : {}),
    ),
    asset('recep-01', '10.20.20.31', WIN11, 3, 'pilot'),
    asset('recep-02', '10.20.20.32', WIN11, 3, 'broad', [2, 1, 1, 0, 1]),
    asset('recep-03', '10.20.20.33', WIN11, 3, 'broad'),
    asset('office-01', '10.20.20.41', WIN11_24, 3, 'broad'),
    asset('office-02', '10.20.20.42', WIN11_24, 3, 'broad'),
    asset('office-03', '10.20.20.43', WIN11_24, 3, 'broad'),
    asset('office-04', '10.20.20.44', WIN11_24, 3, 'broad'),
    asset('lt-mueller', '10.20.30.11', WIN11_24, 3, 'pilot'),
    asset('lt-weiss', '10.20.30.12', WIN11_24, 3, 'pilot', [2, 0, 0, 0, 0]),
    asset('xray-acq01', '10.20.40.21', 'Windows 7 Professional SP1', 3, null, [3, 3, 0, 3, 0], { eol: true }),
    asset('imaging-ws01', '10.20.40.22', 'Windows 10 Pro 22H2', 3, 'broad', [1, 1, 0, 0, 1], { eol: true }),
    asset('mgmt-ws01', '10.20.0.50', 'Ubuntu 24.04.1 LTS', 3, 'pilot'),
    asset('lab-scan01', '10.20.40.23', WIN11, 3, 'broad'),
    asset('ptr-recep', '10.20.50.11', 'HP LaserJet firmware 2025.04', 4, null, [1, 1, 1, 0, 0]),
    asset('ptr-office', '10.20.50.12', 'HP LaserJet firmware 2026.08', 4, null),
    asset('kiosk01', '10.20.60.5', 'Windows 11 IoT Enterprise LTSC 2024', 4, 'broad'),
    asset('door-ctl01', '10.20.60.9', 'Debian 11.11', 4, null, [0, 0, 0, 0, 0], { eol: true }),
    asset('LT-NEW-0415', '10.20.30.19', WIN11_24, null, null, [0, 0, 0, 0, 0], { lastCollectionAt: null, measured: false, coverageGap: 'last collection failed: No WinRM credential is mapped to this asset or its tags' }),
    asset('ws-10-20-0-87', '10.20.0.87', 'Windows 10 Pro 22H2', null, null, [2, 1, 1, 0, 0], { eol: true }),
  ];
}

/** An overdue fix, dated backwards from how long it is overdue at the end of the period. */
function overdue(hostname: string, tier: Tier | null, update: string, severity: Severity, overdueDays: number, seenDaysAfterPublication?: number): OverdueItemRow {
  const applied = tier ?? DEFAULT_TIER;
  const due = addLocalDays(AS_OF, -overdueDays);
  const clockStart = addLocalDays(due, -slaDaysFor(DEFAULT_PATCH_POLICY, applied, severity));
  if (seenDaysAfterPublication !== undefined) {
    // Onboarded after the vendor published the fix: the clock ran from publication.
    const firstSeen = addLocalDays(clockStart, seenDaysAfterPublication);
    return {
      hostname,
      tier: applied,
      tierDefaulted: tier === null,
      update,
      severity,
      security: true,
      firstSeenAt: siteTime(`${formatLocalDate(firstSeen)} 22:15`),
      clockStartAt: siteTime(`${formatLocalDate(clockStart)} 00:00`),
      clockBasis: 'published',
      dueDate: formatLocalDate(due),
      overdueDays,
      band: overdueAgeBand(overdueDays),
    };
  }
  const firstSeen = clockStart;
  return {
    hostname,
    tier: applied,
    tierDefaulted: tier === null,
    update,
    severity,
    security: true,
    firstSeenAt: siteTime(`${formatLocalDate(firstSeen)} 22:15`),
    clockStartAt: siteTime(`${formatLocalDate(firstSeen)} 22:15`),
    clockBasis: 'first_seen',
    dueDate: formatLocalDate(due),
    overdueDays,
    band: overdueAgeBand(overdueDays),
  };
}

function sampleOverdue(): OverdueItemRow[] {
  const rows = [
    overdue('portal01.contoso-dental.de', 1, 'openssl 3.0.2-0ubuntu1.19 (USN-7812-1)', 'critical', 12),
    overdue('portal01.contoso-dental.de', 1, 'php8.1-fpm 8.1.2-1ubuntu2.21 (USN-7790-1)', 'high', 11),
    overdue('dc01', 1, '2026-10 Cumulative Update for Microsoft server operating system version 21H2 for x64-based Systems (KB5044281)', 'critical', 5),
    overdue('pms-db01', 1, 'Security Update for SQL Server 2019 RTM CU28 (KB5046860)', 'high', 38, 40),
    overdue('nas01', 2, 'Synology DSM 7.2.2-72806 Update 2 (Synology-SA-26:09)', 'high', 45),
    overdue('op-03', 3, 'Google Chrome 130.0.6723.92', 'high', 9),
    overdue('recep-02', 3, '2026-09 Cumulative Update for Windows 11 Version 23H2 for x64-based Systems (KB5043076)', 'critical', 31),
    overdue('ptr-recep', 4, 'HP LaserJet Pro firmware 20260418 (HPSBPI03987)', 'medium', 96),
    overdue('ws-10-20-0-87', null, 'Adobe Acrobat Reader DC 24.003.20180 (APSB26-57)', 'high', 14),
  ];
  return rows.sort((a, b) => b.overdueDays - a.overdueDays || a.tier - b.tier || a.hostname.localeCompare(b.hostname));
}

const share = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole);

function missingOf(assets: readonly FixtureAsset[]): MissingFixCounts {
  const total = assets.reduce((sum, a) => sum + a.pending, 0);
  const overdueCount = assets.reduce((sum, a) => sum + a.overdue, 0);
  const excepted = assets.reduce((sum, a) => sum + a.excepted, 0);
  const dueSoon = assets.reduce((sum, a) => sum + a.dueSoon, 0);
  const within = total - overdueCount - excepted - dueSoon;
  return { total, within, dueSoon, overdue: overdueCount, excepted, withinSlaShare: share(within + dueSoon + excepted, total) };
}

function tierRow(tier: Tier | null, assets: readonly FixtureAsset[]): TierComplianceRow {
  const measured = assets.filter((a) => a.measured);
  const fullyPatched = measured.filter((a) => a.pending === 0).length;
  const securityPatched = measured.filter((a) => a.securityPending === 0).length;
  return {
    tier,
    assetsInScope: assets.length,
    assetsMeasured: measured.length,
    coverageShare: share(measured.length, assets.length),
    fullyPatched,
    fullyPatchedShare: share(fullyPatched, measured.length),
    securityPatched,
    securityPatchedShare: share(securityPatched, measured.length),
    missing: missingOf(assets),
  };
}

function byTierOf(assets: readonly FixtureAsset[]): TierComplianceRow[] {
  return [...TIERS.map((tier) => tierRow(tier, assets.filter((a) => a.tier === tier))), tierRow(null, assets.filter((a) => a.tier === null))];
}

function overdueByTierOf(items: readonly OverdueItemRow[]): OverdueByTierRow[] {
  return TIERS.map((tier) => {
    const bands = Object.fromEntries(OVERDUE_AGE_BANDS.map((band) => [band, 0])) as Record<OverdueAgeBand, number>;
    for (const item of items) if (item.tier === tier) bands[item.band] += 1;
    return { tier, bands };
  });
}

function summaryOf(assets: readonly FixtureAsset[], extra: Pick<EvidenceSummary, 'oldestMissingSecurity' | 'failedCollections' | 'unsupportedOs' | 'exceptions'>): EvidenceSummary {
  const all = tierRow(null, assets);
  return {
    assetsInScope: all.assetsInScope,
    assetsMeasured: all.assetsMeasured,
    coverageShare: all.coverageShare,
    coverageGaps: all.assetsInScope - all.assetsMeasured,
    fullyPatched: all.fullyPatched,
    fullyPatchedShare: all.fullyPatchedShare,
    securityPatched: all.securityPatched,
    securityPatchedShare: all.securityPatchedShare,
    missing: all.missing,
    ...extra,
  };
}

function exceptionRows(): ExceptionRow[] {
  const approver = 'Anna Schäfer (practice manager)';
  return [
    {
      id: 2,
      scopeKind: 'asset',
      scopeValue: '',
      assetName: 'xray-acq01',
      reason: 'The acquisition driver of the panoramic X-ray unit only runs on Windows 7; the vendor ships a Windows 11 driver with the unit upgrade planned for Q1 2027.',
      compensatingControls: 'Isolated imaging VLAN 40 without an internet route; inbound SMB only from xray-srv01; USB storage disabled; daily offline image backup.',
      owner: 'Dr. Jürgen Weiß',
      approver,
      startsAt: siteTime('2026-06-03 09:00'),
      expiresAt: siteTime('2026-09-02 00:00'),
      closedAt: null,
      status: 'renewed',
      renewals: 1,
    },
    {
      id: 3,
      scopeKind: 'asset',
      scopeValue: '',
      assetName: 'xray-acq01',
      reason: 'Renewal: the acquisition driver of the panoramic X-ray unit only runs on Windows 7; unit upgrade ordered (PO 2026-118), delivery January 2027.',
      compensatingControls: 'Isolated imaging VLAN 40 without an internet route; inbound SMB only from xray-srv01; USB storage disabled; daily offline image backup.',
      owner: 'Dr. Jürgen Weiß',
      approver,
      startsAt: siteTime('2026-09-01 09:00'),
      expiresAt: siteTime('2026-11-30 00:00'),
      closedAt: null,
      status: 'active',
      renewals: 2,
    },
    {
      id: 4,
      scopeKind: 'package',
      scopeValue: 'php8.1-fpm',
      assetName: 'portal01.contoso-dental.de',
      reason: 'The patient portal vendor had certified only PHP 8.1.2-1ubuntu2.18; certification of the newer build was promised for October.',
      compensatingControls: 'Web application firewall rule set "PHP-CVE-2026" enabled; portal admin area reachable only over the VPN.',
      owner: 'Lena Hoffmann (Northwind IT)',
      approver,
      startsAt: siteTime('2026-08-25 10:00'),
      expiresAt: siteTime('2026-10-21 00:00'),
      closedAt: null,
      status: 'expired',
      renewals: 0,
    },
    {
      id: 5,
      scopeKind: 'kb',
      scopeValue: 'KB5044284',
      assetName: 'xray-srv01',
      reason: "The October cumulative update stops the imaging server's DICOM service (vendor case 88231); waiting for the vendor's hotfix.",
      compensatingControls: 'Server reachable only from the imaging VLAN and the reception PCs; Defender attack surface reduction rules in block mode.',
      owner: 'Markus Becker (Northwind IT)',
      approver,
      startsAt: siteTime('2026-10-16 11:30'),
      expiresAt: siteTime('2026-11-14 00:00'),
      closedAt: null,
      status: 'expiring_soon',
      renewals: 0,
    },
    {
      id: 6,
      scopeKind: 'cve',
      scopeValue: 'CVE-2026-31337',
      assetName: null,
      reason: 'Print Spooler elevation of privilege; the fix needed a printer driver update first.',
      compensatingControls: 'Point and Print restricted to approved servers by group policy.',
      owner: 'Markus Becker (Northwind IT)',
      approver,
      startsAt: siteTime('2026-10-02 14:00'),
      expiresAt: siteTime('2026-12-01 00:00'),
      closedAt: siteTime('2026-10-22 16:40'),
      status: 'closed',
      renewals: 0,
    },
  ];
}

function tick(label: string, by: string, at: string, note = '', evidenceRef = '', late = false): ChecklistEntry {
  return { label, state: 'done', by, at: siteTime(at), note, evidenceRef, late };
}

function sampleCycles(): CycleRecord[] {
  const markus = 'Markus Becker';
  const lena = 'Lena Hoffmann';
  const anna = 'Anna Schäfer';
  return [
    {
      id: 15,
      kind: 'emergency',
      title: 'OpenSSH pre-authentication remote code execution (CVE-2026-40321)',
      openedAt: siteTime('2026-10-08 15:20'),
      closedAt: siteTime('2026-10-09 09:45'),
      deadline: siteTime('2026-10-10 15:20'),
      emergency: {
        triggerId: 'CVE-2026-40321',
        reason: 'Added to the CISA KEV catalogue on 2026-10-08 and exploited in the wild; portal01, mail-relay01 and backup01 run an affected openssh-server.',
      },
      checklist: [
        tick('Triage: confirm which assets run an affected version', lena, '2026-10-08 15:35', '3 assets affected (openssh-server 1:8.9p1-3ubuntu0.10 and 1:9.2p1-2+deb12u3)', 'NW-TCK-20388'),
        tick('Mitigate until patched (restrict SSH to the VPN)', lena, '2026-10-08 16:05', 'Firewall rule 114 limits TCP/22 to the admin VPN', 'fw-edge01 change 2026-10-08-02'),
        tick('Deploy the fixed openssh-server', lena, '2026-10-08 20:10', 'Unattended restart of sshd; no session loss reported'),
        tick('Re-test: collect and verify the fixed version on every asset', markus, '2026-10-08 20:40', 'Collection run #512: fixed version on all 3 assets', 'collection run #512'),
        tick('Inform the practice', markus, '2026-10-09 09:45', 'Email to the practice manager', 'NW-TCK-20388'),
      ],
    },
    {
      id: 14,
      kind: 'baseline',
      title: 'October 2026 patch cycle',
      openedAt: siteTime('2026-10-14 08:30'),
      closedAt: siteTime('2026-10-28 17:10'),
      deadline: siteTime('2026-10-28 18:00'),
      emergency: null,
      checklist: [
        tick("Review the month's releases and known issues", markus, '2026-10-14 09:05', 'KB5044284 breaks DICOM services on Server 2016 (vendor case 88231)', 'NW-TCK-20417'),
        tick('Confirm backups completed and a restore works', lena, '2026-10-14 10:40', 'Test restore of pms-db01 into the sandbox succeeded', 'backup-report-2026-10-14.pdf'),
        tick('Approve the update list', anna, '2026-10-14 12:15', 'Approved by email', 'NW-TCK-20417'),
        tick('Deploy to the pilot ring', markus, '2026-10-15 19:30', '8 pilot assets'),
        tick('Pilot smoke test: practice software, imaging, printing', anna, '2026-10-16 08:50', 'No issues reported by the front desk'),
        tick('Record exceptions for what cannot be patched', markus, '2026-10-16 11:30', 'Exception #5 (KB5044284 on xray-srv01)', 'exception #5'),
        tick('Deploy to the broad ring', markus, '2026-10-20 19:00'),
        tick('Reboot servers in the maintenance window', lena, '2026-10-21 21:40', 'dc01, fs01, print01, hv01 rebooted; pms-db01 moved to 2026-10-23 at the practice\u2019s request'),
        { label: 'Hypervisor and server firmware', state: 'not_applicable', by: markus, at: siteTime('2026-10-22 09:00'), note: 'No firmware released this month', evidenceRef: '', late: false },
        tick('Firmware and appliance review (firewall, NAS, printers)', lena, '2026-10-27 16:20', 'DSM 7.2.2 update deferred: needs a vendor-assisted maintenance window', 'NW-TCK-20455', true),
        tick('Re-collect patch status and confirm the result', markus, '2026-10-28 09:15', 'Collection run #540', 'collection run #540'),
        tick('Customer sign-off', anna, '2026-10-28 17:05', 'Signed off with the remaining overdue items noted', 'sign-off-2026-10.pdf'),
      ],
    },
  ];
}

function sampleTrend(lastFully: number | null, lastWithin: number | null, lastOverdue: number): TrendPoint[] {
  const fully = [0.475, 0.5, 0.5, 0.525, 0.55, 0.575, 0.6, 0.625, 0.6, 0.65, 0.675];
  const within = [0.52, 0.55, 0.541, 0.58, 0.6, 0.612, 0.63, 0.655, 0.62, 0.66, 0.68];
  const overdueCounts = [31, 27, 26, 22, 19, 18, 15, 12, 14, 11, 10];
  const points: TrendPoint[] = [];
  for (let i = 0; i < 11; i++) {
    const month = ((10 + i) % 12) + 1;
    const year = month >= 11 ? 2025 : 2026;
    points.push({ month: `${year}-${String(month).padStart(2, '0')}`, assetsInScope: 40, assetsMeasured: 37, fullyPatchedShare: fully[i] ?? null, withinSlaShare: within[i] ?? null, overdue: overdueCounts[i] ?? 0 });
  }
  points.push({ month: '2026-10', assetsInScope: 40, assetsMeasured: 37, fullyPatchedShare: lastFully, withinSlaShare: lastWithin, overdue: lastOverdue });
  return points;
}

// Audit rows as the services write them; their sentences come from the same code as a real pack's.
const AUDIT_ASSETS = new Map([
  [12, 'xray-srv01'],
  [17, 'portal01.contoso-dental.de'],
  [31, 'imaging-ws01'],
]);

function auditRow(id: number, at: string, actor: string, entityType: string, entityId: number | null, action: string, details: Record<string, unknown>): AuditExcerptRow {
  const summary = auditSentence({ actor, entityType, entityId, action, details }, { timeZone: TIME_ZONE, assetName: (assetId) => AUDIT_ASSETS.get(assetId) ?? null });
  return { id, at: siteTime(at), actor, via: actor === 'scheduler' ? null : 'desktop', entityType, entityId, action, summary };
}

function sampleAudit(): AuditExcerptRow[] {
  const tick = (title: string, note: string, evidence: unknown[] = []) => ({ key: title.toLowerCase().replace(/\W+/g, '-'), title, doneBy: '', note, evidence });
  return [
    auditRow(1771, '2026-10-01 22:15', 'scheduler', 'collection', 498, 'collection-completed', { ok: 39, failed: 1 }),
    auditRow(1772, '2026-10-02 14:00', 'markus.becker', 'exception', 6, 'exception-created', { scope: { kind: 'cve', assetId: null, value: 'CVE-2026-31337' }, owner: 'Markus Becker', expiresAt: siteTime('2026-12-01 00:00'), renews: null }),
    auditRow(1775, '2026-10-08 15:20', 'lena.hoffmann', 'cycle', 15, 'cycle-opened', { kind: 'emergency', trigger: 'CVE-2026-40321', reason: 'Listed in CISA KEV', deadline: siteTime('2026-10-10 15:20') }),
    auditRow(1776, '2026-10-08 15:35', 'lena.hoffmann', 'cycle', 15, 'cycle-item-done', tick('Triage', '3 assets affected')),
    auditRow(1777, '2026-10-08 16:05', 'lena.hoffmann', 'cycle', 15, 'cycle-item-done', tick('Mitigate until patched', 'SSH limited to the admin VPN')),
    auditRow(1779, '2026-10-08 20:10', 'lena.hoffmann', 'cycle', 15, 'cycle-item-done', tick('Deploy', 'Fixed openssh-server installed')),
    auditRow(1780, '2026-10-08 20:40', 'markus.becker', 'collection', 512, 'collection-completed', { ok: 3, failed: 0 }),
    auditRow(1781, '2026-10-08 20:41', 'markus.becker', 'cycle', 15, 'cycle-item-done', tick('Re-test', 'Fixed version verified')),
    auditRow(1783, '2026-10-09 09:45', 'markus.becker', 'cycle', 15, 'cycle-closed', { note: 'All items done within the 48 h deadline', forced: false, pending: [] }),
    auditRow(1790, '2026-10-14 08:30', 'markus.becker', 'cycle', 14, 'cycle-opened', { kind: 'baseline', month: 'October 2026' }),
    auditRow(1791, '2026-10-14 09:05', 'markus.becker', 'cycle', 14, 'cycle-item-done', tick("Review the month's releases", '')),
    auditRow(1792, '2026-10-14 10:40', 'lena.hoffmann', 'cycle', 14, 'cycle-item-done', tick('Backups confirmed', '', [{ kind: 'file', name: 'backup-report-2026-10-14.pdf', sha256: 'ab', size: 1 }])),
    auditRow(1793, '2026-10-14 12:15', 'anna.schaefer', 'cycle', 14, 'cycle-item-done', tick('Update list approved', '')),
    auditRow(1798, '2026-10-16 11:30', 'markus.becker', 'exception', 5, 'exception-created', { scope: { kind: 'kb', assetId: 12, value: 'KB5044284' }, owner: 'Dr. Jürgen Weiß', expiresAt: siteTime('2026-11-14 00:00'), renews: null }),
    auditRow(1802, '2026-10-16 16:02', 'markus.becker', 'credential', 4, 'credential-bound', { credentialId: 4, assetIds: [], tags: ['workstation'] }),
    auditRow(1810, '2026-10-20 19:00', 'markus.becker', 'cycle', 14, 'cycle-item-done', tick('Deploy to the broad ring', '')),
    auditRow(1815, '2026-10-21 09:00', 'markus.becker', 'asset', 17, 'patch-status-collected', { method: 'offline-file', pending: 6, security: 3, newlyMissing: 1, resolved: 0, runId: null }),
    auditRow(1816, '2026-10-22 16:40', 'markus.becker', 'exception', 6, 'exception-closed', { reason: 'Fix applied after the printer driver update' }),
    auditRow(1820, '2026-10-23 10:12', 'lena.hoffmann', 'asset', 31, 'tier-overridden', { changes: { tierOverride: [null, { tier: 3 }] }, note: 'handles patient images' }),
    auditRow(1826, '2026-10-27 16:20', 'lena.hoffmann', 'cycle', 14, 'cycle-item-done', tick('Firmware and appliance review', 'Done late')),
    auditRow(1829, '2026-10-28 09:15', 'markus.becker', 'collection', 540, 'collection-completed', { ok: 38, failed: 2 }),
    auditRow(1831, '2026-10-28 17:10', 'markus.becker', 'cycle', 14, 'cycle-closed', { note: 'All 12 items handled', forced: false, pending: [] }),
    auditRow(1838, '2026-10-30 22:15', 'scheduler', 'collection', 547, 'collection-completed', { ok: 37, failed: 3 }),
  ];
}

function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** A deterministic Ed25519-sized public key and its OpenSSH-style fingerprint. */
function sampleSigner(): EvidenceReport['signer'] {
  const key = createHash('sha256').update('patchdesk sample installation key').digest();
  const fingerprint = `SHA256:${createHash('sha256').update(key).digest('base64').replace(/=+$/, '')}`;
  return { algorithm: 'Ed25519', publicKeyBase64: key.toString('base64'), fingerprint };
}

function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function pngChunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** A small PNG logo mark (a navy square with a white "N"), drawn pixel by pixel so tests need no image file. */
export function sampleLogoPng(size = 96): Uint8Array {
  const navy = [0x1f, 0x3a, 0x5f];
  const teal = [0x3f, 0xa7, 0x9b];
  const raw = Buffer.alloc((size * 3 + 1) * size);
  const pad = Math.round(size * 0.22);
  const bar = Math.round(size * 0.13);
  for (let y = 0; y < size; y++) {
    raw[y * (size * 3 + 1)] = 0;
    for (let x = 0; x < size; x++) {
      const inside = y >= pad && y < size - pad;
      const left = inside && x >= pad && x < pad + bar;
      const right = inside && x >= size - pad - bar && x < size - pad;
      // The diagonal runs from the top of the left bar to the bottom of the right bar.
      const t = (y - pad) / (size - 2 * pad);
      const diagX = pad + t * (size - 2 * pad - bar);
      const diagonal = inside && x >= diagX && x < diagX + bar;
      const stripe = y >= size - Math.round(size * 0.1);
      const colour = left || right || diagonal ? [0xff, 0xff, 0xff] : stripe ? teal : navy;
      raw.set(colour, y * (size * 3 + 1) + 1 + x * 3);
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 2, 0, 0, 0], 8);
  return new Uint8Array(Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), pngChunk('IHDR', header), pngChunk('IDAT', deflateSync(raw)), pngChunk('IEND', new Uint8Array())]));
}

function strip(assets: readonly FixtureAsset[]): AssetRow[] {
  // Never collected successfully: nothing is known, which is not 0 pending.
  return assets.map(({ excepted: _excepted, dueSoon: _dueSoon, ...row }) => (row.lastCollectionAt === null ? { ...row, pending: null, securityPending: null, overdue: null } : row));
}

/** The coverage gaps of fixture assets, as the report lists them (all last failed, in tier then name order). */
function gapsOf(assets: readonly FixtureAsset[], failures: EvidenceReport['failedCollections']): EvidenceReport['coverageGaps'] {
  return sortAssets(assets.filter((a) => !a.measured)).map((a) => {
    const failure = failures.find((f) => f.hostname === a.hostname);
    return {
      hostname: a.hostname,
      tier: a.tier,
      reason: failure ? ('last_failed' as const) : a.lastCollectionAt === null ? ('never_collected' as const) : ('stale' as const),
      reasonText: a.coverageGap ?? '',
      lastSuccessAt: a.lastCollectionAt,
      staleSince: a.lastCollectionAt === null ? null : new Date(parseInstant(a.lastCollectionAt) + 7 * 86_400_000).toISOString(),
      failedAt: failure?.at ?? null,
      errorCode: failure?.errorCode ?? null,
    };
  });
}

function ageDays(firstSeenAt: string): number {
  return localDaysBetween(localDateOf(parseInstant(firstSeenAt), TIME_ZONE), AS_OF);
}

/** The common frame of every fixture: meta, branding, signer and methodology for October 2026. */
function frame(): Pick<EvidenceReport, 'formatVersion' | 'meta' | 'branding' | 'signer' | 'methodology'> {
  const policy = { slaDays: DEFAULT_PATCH_POLICY.slaDays, maxExceptionDays: DEFAULT_PATCH_POLICY.maxExceptionDays, freshnessDays: DEFAULT_PATCH_POLICY.freshnessDays, kevRules: DEFAULT_PATCH_POLICY.kevRules };
  return {
    formatVersion: EVIDENCE_REPORT_FORMAT_VERSION,
    meta: {
      siteName: 'Contoso Dental – Main office',
      timezone: TIME_ZONE,
      period: { from: siteTime('2026-10-01 00:00'), to: siteTime('2026-11-01 00:00'), fromDate: '2026-10-01', toDate: '2026-10-31', label: 'October 2026' },
      generatedAt: '2026-11-02T09:00:00.000Z',
      generatedBy: 'Markus Becker',
      appVersion: '0.1.0',
      policy,
    },
    branding: {
      mspName: 'Northwind IT Services',
      contact: 'Northwind IT Services GmbH · Friedrichstraße 112, 10117 Berlin\nservice@northwind-it.example · +49 30 1234 5670',
      logo: { mimeType: 'image/png', base64: Buffer.from(sampleLogoPng()).toString('base64') },
    },
    signer: sampleSigner(),
    methodology: standardMethodology({ timezone: TIME_ZONE, policy }),
  };
}

/**
 * The sample report: Contoso Dental's main office, looked after by Northwind IT Services, for
 * October 2026 (40 assets, 9 overdue fixes, five register entries with one expired, a fully
 * ticked baseline cycle and an emergency cycle for CVE-2026-40321). `overrides` replace whole
 * top-level fields.
 */
export function sampleEvidenceReport(overrides: Partial<EvidenceReport> = {}): EvidenceReport {
  const assets = sampleAssets();
  const overdueItems = sampleOverdue();
  const exceptions = exceptionRows();
  const summary = summaryOf(assets, {
    oldestMissingSecurity: {
      hostname: 'xray-acq01',
      update: 'Security Monthly Quality Rollup for Windows 7 (KB5022338)',
      firstSeenAt: siteTime('2025-02-11 22:15'),
      clockStartAt: siteTime('2025-02-11 22:15'),
      clockBasis: 'first_seen',
      ageDays: ageDays(siteTime('2025-02-11 22:15')),
    },
    failedCollections: 3,
    unsupportedOs: assets.filter((a) => a.eol).length,
    exceptions: {
      active: exceptions.filter((e) => e.status === 'active' || e.status === 'expiring_soon').length,
      expiringSoon: exceptions.filter((e) => e.status === 'expiring_soon').length,
      expired: exceptions.filter((e) => e.status === 'expired').length,
    },
  });
  const report: EvidenceReport = {
    ...frame(),
    summary,
    byTier: byTierOf(assets),
    overdueByTier: overdueByTierOf(overdueItems),
    overdueItems,
    trend: sampleTrend(summary.fullyPatchedShare, summary.missing.withinSlaShare, summary.missing.overdue),
    exceptions,
    cycles: sampleCycles(),
    deployments: [],
    cveMapping: { current: true, pendingAssets: 0, assets: [], notice: null },
    knownExploited: { notMeasured: 'no KEV catalogue imported', at: '2026-11-01T08:00:00.000Z', asOfDate: '2026-11-01', rows: [], notJudged: [], feeds: [], figures: { cves: 0, assets: 0, missing: 0, fixed: 0, overdue: 0, met: 0, missed: 0, open: 0, outcomeNotMeasured: 0, notJudged: 0 } },
    emergencyItems: [
      {
        cycleId: 15,
        triggerId: 'CVE-2026-40321',
        title: 'OpenSSH pre-authentication remote code execution',
        assetsAffected: 3,
        openedAt: siteTime('2026-10-08 15:20'),
        deadline: siteTime('2026-10-10 15:20'),
        deployedAt: siteTime('2026-10-08 20:10'),
        retestedAt: siteTime('2026-10-08 20:40'),
        closedAt: siteTime('2026-10-09 09:45'),
        deadlineMet: true,
      },
    ],
    assets: strip(sortAssets(assets)),
    coverageGaps: gapsOf(assets, sampleFailures()),
    failedCollections: sampleFailures(),
    unsupportedOs: [
      { hostname: 'xray-acq01', os: 'Windows 7 Professional SP1', eolDate: '2020-01-14', tier: 3, osSource: 'collection' },
      { hostname: 'imaging-ws01', os: 'Windows 10 Pro 22H2', eolDate: '2025-10-14', tier: 3, osSource: 'collection' },
      { hostname: 'ws-10-20-0-87', os: 'Windows 10 Pro 22H2', eolDate: '2025-10-14', tier: null, osSource: 'collection' },
      { hostname: 'door-ctl01', os: 'Debian 11.11', eolDate: '2026-08-31', tier: 4, osSource: 'collection' },
    ],
    audit: { entries: sampleAudit(), chainHead: { id: 1843, hash: sha256Hex('patchdesk sample chain head 1843') } },
  };
  return { ...report, ...overrides };
}

function sampleFailures(): EvidenceReport['failedCollections'] {
  return [
    { hostname: 'sw-core01', at: siteTime('2026-10-30 22:16'), errorCode: 'timeout', message: 'SSH connection timed out after 20 s' },
    { hostname: 'op-07', at: siteTime('2026-10-30 22:15'), errorCode: 'auth_failed', message: 'WinRM rejected the "Practice PCs" credential (password changed?)' },
    { hostname: 'LT-NEW-0415', at: siteTime('2026-10-30 22:15'), errorCode: 'no_credential', message: 'No WinRM credential is mapped to this asset or its tags' },
  ];
}

function sortAssets<T extends Pick<AssetRow, 'tier' | 'hostname'>>(assets: readonly T[]): T[] {
  return [...assets].sort((a, b) => (a.tier ?? 9) - (b.tier ?? 9) || a.hostname.localeCompare(b.hostname, 'en'));
}

/**
 * A large report for timing and paging: `assetCount` generated assets (about one in six with
 * an overdue fix), the sample's exceptions and cycles, and an audit excerpt of a busy month.
 */
export function largeEvidenceReport(assetCount = 1000): EvidenceReport {
  const base = sampleEvidenceReport();
  const oses = ['Windows 11 Pro 23H2', 'Windows 11 Pro 24H2', 'Windows Server 2022 (21H2)', 'Ubuntu 24.04.1 LTS', 'Debian 12.7', 'Windows 10 Pro 22H2'];
  const updates: [string, Severity][] = [
    ['2026-10 Cumulative Update for Windows 11 Version 23H2 for x64-based Systems (KB5044285)', 'critical'],
    ['Google Chrome 130.0.6723.92', 'high'],
    ['openssl 3.0.13-0ubuntu3.5 (USN-7812-2)', 'high'],
    ['Mozilla Firefox 131.0.3', 'medium'],
  ];
  const assets: FixtureAsset[] = [];
  const overdueItems: OverdueItemRow[] = [];
  for (let i = 1; i <= assetCount; i++) {
    const tier = i % 23 === 0 ? null : (((i % 4) + 1) as Tier);
    const os = oses[i % oses.length] as string;
    const hostname = `ws-${String(i).padStart(4, '0')}.contoso-dental.local`;
    const late = i % 6 === 0 ? 1 + (i % 3) : 0;
    const pending = late + (i % 5 === 0 ? 2 : i % 7 === 0 ? 1 : 0);
    const security = Math.min(pending, late + (i % 5 === 0 ? 1 : 0));
    const dueSoon = i % 5 === 0 ? 1 : 0;
    assets.push({
      hostname,
      ip: `10.${20 + Math.floor(i / 250)}.${Math.floor(i / 250) % 250}.${(i % 250) + 1}`,
      os,
      tier,
      ring: i % 10 === 0 ? 'pilot' : 'broad',
      lastCollectionAt: siteTime(`2026-10-30 ${String(20 + (i % 4)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}`),
      pending,
      securityPending: security,
      overdue: late,
      measured: true,
      coverageGap: null,
      eol: os.startsWith('Windows 10'),
      eolOsSource: os.startsWith('Windows 10') ? 'collection' : null,
      excepted: 0,
      dueSoon,
    });
    for (let k = 0; k < late; k++) {
      const [update, severity] = updates[(i + k) % updates.length] as [string, Severity];
      overdueItems.push(overdue(hostname, tier, update, severity, 1 + ((i * 7 + k * 13) % 120)));
    }
  }
  overdueItems.sort((a, b) => b.overdueDays - a.overdueDays || a.tier - b.tier || a.hostname.localeCompare(b.hostname));
  const summary = summaryOf(assets, {
    oldestMissingSecurity: base.summary.oldestMissingSecurity,
    failedCollections: base.summary.failedCollections,
    unsupportedOs: assets.filter((a) => a.eol).length,
    exceptions: base.summary.exceptions,
  });
  const audit: AuditExcerptRow[] = [];
  for (let i = 0; i < 400; i++) {
    const day = String(1 + (i % 30)).padStart(2, '0');
    audit.push(auditRow(5000 + i, `2026-10-${day} ${String(8 + (i % 10)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}`, i % 3 === 0 ? 'scheduler' : 'markus.becker', i % 3 === 0 ? 'collection' : 'asset', 100 + i, i % 3 === 0 ? 'collection-completed' : 'edited', i % 3 === 0 ? { ok: assetCount, failed: 0 } : { changes: { owner: ['', 'Front desk'] } }));
  }
  audit.sort((a, b) => a.at.localeCompare(b.at) || a.id - b.id);
  return {
    ...base,
    summary,
    byTier: byTierOf(assets),
    overdueByTier: overdueByTierOf(overdueItems),
    overdueItems,
    trend: sampleTrend(summary.fullyPatchedShare, summary.missing.withinSlaShare, summary.missing.overdue),
    assets: strip(sortAssets(assets)),
    coverageGaps: [],
    unsupportedOs: assets.filter((a) => a.eol).map((a) => ({ hostname: a.hostname, os: a.os, eolDate: '2025-10-14', tier: a.tier, osSource: 'collection' as const })),
    audit: { entries: audit, chainHead: base.audit.chainHead },
  };
}

/**
 * A report with nothing in it: a new site with no assets, no register entries, no cycles and
 * no audit rows in the period, and an unbranded pack. Every section must say so plainly.
 */
export function emptyEvidenceReport(): EvidenceReport {
  const base = frame();
  const noMissing: MissingFixCounts = { total: 0, within: 0, dueSoon: 0, overdue: 0, excepted: 0, withinSlaShare: null };
  return {
    ...base,
    meta: { ...base.meta, siteName: 'Empty site' },
    branding: { mspName: '', contact: '', logo: null },
    summary: {
      assetsInScope: 0,
      assetsMeasured: 0,
      coverageShare: null,
      coverageGaps: 0,
      fullyPatched: 0,
      fullyPatchedShare: null,
      securityPatched: 0,
      securityPatchedShare: null,
      missing: noMissing,
      oldestMissingSecurity: null,
      failedCollections: 0,
      unsupportedOs: 0,
      exceptions: { active: 0, expiringSoon: 0, expired: 0 },
    },
    byTier: byTierOf([]),
    overdueByTier: overdueByTierOf([]),
    overdueItems: [],
    trend: [],
    exceptions: [],
    cycles: [],
    emergencyItems: [],
    deployments: [],
    cveMapping: { current: true, pendingAssets: 0, assets: [], notice: null },
    knownExploited: { notMeasured: 'no KEV catalogue imported', at: '2026-11-01T08:00:00.000Z', asOfDate: '2026-11-01', rows: [], notJudged: [], feeds: [], figures: { cves: 0, assets: 0, missing: 0, fixed: 0, overdue: 0, met: 0, missed: 0, open: 0, outcomeNotMeasured: 0, notJudged: 0 } },
    assets: [],
    coverageGaps: [],
    failedCollections: [],
    unsupportedOs: [],
    audit: { entries: [], chainHead: { id: 0, hash: '0'.repeat(64) } },
  };
}
