/**
 * The evidence pack's data files: the whole report as JSON and the tables an auditor filters in
 * a spreadsheet as CSV. The same numbers as the PDF, from the same report.
 *
 * - `data/summary.json`: the report with sorted keys (see stable-json.ts); the logo is replaced
 *   by its type, size and SHA-256, since the image itself adds nothing to the data.
 * - `data/assets.csv`, `coverage-gaps.csv` (assets not measured, same rows and order as the
 *   PDF's coverage gaps), `unsupported-os.csv`, `overdue.csv`, `exceptions.csv`, `checklist.csv`,
 *   `rollouts.csv` (one row per host of each rollout that ran in the period),
 *   `vulnerabilities.csv` (one row per asset × known exploited CVE × package missing in the period,
 *   with its SLA outcome and the three local dates it is judged from: outcome due date, fixed on,
 *   outcome as of; summary.json's `knownExploited.figures` count asset × CVE pairs of these rows, and its
 *   `knownExploited.notJudged` and `feeds` list the assets not judged and the feeds used),
 *   `trend.csv`, `audit-log.csv`: see csv.ts for the dialect. A count that was never measured
 *   is empty, not 0. Instants are ISO-8601 UTC; local days are
 *   `YYYY-MM-DD` in the site's time zone (`meta.timezone` in summary.json), an exception's expiry
 *   among them as the last day it covers (the typed date, not the instant it ends); the audit
 *   log's details are the appendix's sentences, with no local paths; shares are fractions
 *   0-1, unrounded, empty when there was nothing to divide.
 */
import { createHash } from 'node:crypto';
import { formatExpiry, parseInstant } from '../../../../shared/domain/sla/local-time';
import type { EvidenceReport } from '../evidence-report';
import { toCsv } from './csv';
import { stableJsonBytes } from './stable-json';

/** One file for the pack: a `/`-separated path inside it and its bytes. */
export interface DataFile {
  path: string;
  bytes: Uint8Array;
}

/** Identifies summary.json's layout to readers. */
export const SUMMARY_FORMAT = 'patchdesk-evidence-report';

const encoder = new TextEncoder();

function file(path: string, text: string): DataFile {
  return { path, bytes: encoder.encode(text) };
}

/** The report as summary.json holds it: everything but the logo's bytes. */
export function summaryDocument(report: EvidenceReport): Record<string, unknown> {
  const logo = report.branding.logo;
  const bytes = logo === null ? null : Buffer.from(logo.base64, 'base64');
  return {
    format: SUMMARY_FORMAT,
    ...report,
    branding: {
      ...report.branding,
      logo: logo === null || bytes === null ? null : { mimeType: logo.mimeType, size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') },
    },
  };
}

function assetsCsv(report: EvidenceReport): string {
  return toCsv(
    ['Hostname', 'IP Address', 'Operating System', 'Tier', 'Ring', 'Last Collection', 'Measured', 'Coverage Gap', 'Pending', 'Security Pending', 'Overdue', 'End Of Life', 'End Of Life OS Source'],
    report.assets.map((a) => [a.hostname, a.ip, a.os, a.tier, a.ring, a.lastCollectionAt, a.measured, a.coverageGap, a.pending, a.securityPending, a.overdue, a.eol, a.eolOsSource]),
  );
}

function coverageGapsCsv(report: EvidenceReport): string {
  return toCsv(
    ['Hostname', 'Tier', 'Reason', 'Why Not Measured', 'Last Success', 'Stale Since', 'Failed At', 'Error Code'],
    report.coverageGaps.map((g) => [g.hostname, g.tier, g.reason, g.reasonText, g.lastSuccessAt, g.staleSince, g.failedAt, g.errorCode]),
  );
}

function unsupportedOsCsv(report: EvidenceReport): string {
  return toCsv(
    ['Hostname', 'Tier', 'Operating System', 'End Of Life', 'OS Source'],
    report.unsupportedOs.map((u) => [u.hostname, u.tier, u.os, u.eolDate, u.osSource]),
  );
}

function overdueCsv(report: EvidenceReport): string {
  return toCsv(
    ['Hostname', 'Tier', 'Tier Defaulted', 'Update', 'Severity', 'Security', 'First Seen', 'Clock Start', 'Clock Basis', 'Due Date', 'Overdue Days', 'Age Band'],
    report.overdueItems.map((o) => [o.hostname, o.tier, o.tierDefaulted, o.update, o.severity, o.security, o.firstSeenAt, o.clockStartAt, o.clockBasis, o.dueDate, o.overdueDays, o.band]),
  );
}

function exceptionsCsv(report: EvidenceReport): string {
  return toCsv(
    ['ID', 'Scope', 'Scope Value', 'Asset', 'Reason', 'Compensating Controls', 'Owner', 'Approver', 'Starts At', 'Last Day Covered', 'Closed At', 'Status', 'Renewals'],
    report.exceptions.map((e) => [e.id, e.scopeKind, e.scopeValue, e.assetName, e.reason, e.compensatingControls, e.owner, e.approver, e.startsAt, formatExpiry(parseInstant(e.expiresAt), report.meta.timezone), e.closedAt, e.status, e.renewals]),
  );
}

function checklistCsv(report: EvidenceReport): string {
  return toCsv(
    ['Cycle ID', 'Cycle Kind', 'Cycle Title', 'Trigger', 'Opened At', 'Closed At', 'Item Number', 'Item', 'State', 'By', 'At', 'Note', 'Evidence', 'Late'],
    report.cycles.flatMap((c) =>
      c.checklist.map((item, index) => [c.id, c.kind, c.title, c.emergency?.triggerId ?? null, c.openedAt, c.closedAt, index + 1, item.label, item.state, item.by, item.at, item.note, item.evidenceRef, item.late]),
    ),
  );
}

function rolloutsCsv(report: EvidenceReport): string {
  return toCsv(
    ['Rollout ID', 'Rollout', 'Rollout State', 'Approved By', 'Approved At', 'Ring', 'Hostname', 'Packages', 'Host State', 'Started At', 'Finished At', 'Rebooted', 'Rolled Back', 'Verified At', 'Message', 'Method', 'Manual By', 'Manual At', 'Manual Note', 'Manual File', 'Manual SHA-256'],
    report.deployments.map((d) => [d.rolloutId, d.rolloutName, d.rolloutState, d.approvedBy, d.approvedAt, d.ring, d.hostname, d.packages, d.state, d.startedAt, d.finishedAt, d.rebooted, d.rolledBack, d.verifiedAt, d.message, d.manual ? 'manual' : 'automatic', d.manual?.by ?? null, d.manual?.at ?? null, d.manual?.note ?? null, d.manual?.fileRef ?? null, d.manual?.sha256 ?? null]),
  );
}

function vulnerabilitiesCsv(report: EvidenceReport): string {
  return toCsv(
    ['CVE', 'Name', 'KEV Date Added', 'CISA Due Date', 'Known Ransomware Use', 'Hostname', 'Tier', 'Internet Facing', 'Package', 'Installed Version', 'Fixed Version', 'Source', 'Status', 'Triage State', 'First Seen Missing', 'Fixed At', 'SLA State', 'SLA Due Date', 'Deadline Rule', 'SLA Outcome', 'Outcome Due Date', 'Outcome Deadline Rule', 'Fixed On', 'Outcome As Of', 'Outcome Days', 'Outcome Reason', 'Fixed Basis'],
    report.knownExploited.rows.map((v) => [
      ...[v.cve, v.name, v.kevDateAdded, v.kevDueDate, v.knownRansomware, v.hostname, v.tier, v.internetFacing, v.package, v.installedVersion, v.fixedVersion, v.source, v.status, v.triageState, v.firstSeenAt, v.fixedAt, v.slaState, v.slaDueDate, v.deadlineRule],
      ...[v.slaOutcome, v.outcomeDueDate, v.outcomeDeadlineRule, v.fixedOn, report.knownExploited.asOfDate, v.outcomeDays, v.outcomeReason, v.fixedBasis],
    ]),
  );
}

function trendCsv(report: EvidenceReport): string {
  return toCsv(
    ['Month', 'Assets In Scope', 'Assets Measured', 'Fully Patched Share Of Measured', 'Within SLA Share', 'Overdue'],
    report.trend.map((t) => [t.month, t.assetsInScope, t.assetsMeasured, t.fullyPatchedShare, t.withinSlaShare, t.overdue]),
  );
}

function auditCsv(report: EvidenceReport): string {
  return toCsv(
    ['ID', 'At', 'Actor', 'Via', 'Entity Type', 'Entity ID', 'Action', 'Details'],
    // "not recorded": the row predates Patchdesk recording the interface (migration 0019).
    report.audit.entries.map((e) => [e.id, e.at, e.actor, e.via ?? 'not recorded', e.entityType, e.entityId, e.action, e.summary]),
  );
}

/** The data files of a pack, in a fixed order. Deterministic: the same report gives the same bytes. */
export function evidenceDataFiles(report: EvidenceReport): DataFile[] {
  return [
    // Written piece by piece into its bytes: no sorted copy of the report, no 9 MB string (10,000 assets).
    { path: 'data/summary.json', bytes: stableJsonBytes(summaryDocument(report)) },
    file('data/assets.csv', assetsCsv(report)),
    file('data/coverage-gaps.csv', coverageGapsCsv(report)),
    file('data/unsupported-os.csv', unsupportedOsCsv(report)),
    file('data/overdue.csv', overdueCsv(report)),
    file('data/exceptions.csv', exceptionsCsv(report)),
    file('data/checklist.csv', checklistCsv(report)),
    file('data/rollouts.csv', rolloutsCsv(report)),
    file('data/vulnerabilities.csv', vulnerabilitiesCsv(report)),
    file('data/trend.csv', trendCsv(report)),
    file('data/audit-log.csv', auditCsv(report)),
  ];
}
