/** `patchdesk triage ID --site NAME [--json]`: which assets a CVE, KB or advisory affects, and how. */
import { parseArgs } from 'node:util';
import { TRIAGE_STATE_LABELS, type TriageResult } from '../../../shared/contract/triage';
import { formatPercentile } from '../../../shared/domain/intel/priority';
import { kevOutcomeText } from '../../../shared/domain/sla/kev-outcome';
import { resolveSite, type CliContext } from '../cli-context';
import { usageError } from '../cli-error';
import { formatTable } from '../table';

export const TRIAGE_USAGE = 'patchdesk triage ID --site NAME [--json]      ID: CVE-2024-3094, KB5034441 or an advisory (DSA-5800-1, RHSA-2024:8709)';

/** Runs `triage`. */
export async function runTriageCommand(context: CliContext, args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { site: { type: 'string' }, json: { type: 'boolean' } } });
  if (positionals.length !== 1) throw usageError(`Usage:\n${TRIAGE_USAGE}`);
  const site = await resolveSite(context, values.site);
  const result = await context.call('triage:run', { siteId: site.id, id: positionals[0] ?? '' });
  if (values.json) return context.out(JSON.stringify(result, null, 2));
  for (const line of triageText(result, site.name)) context.out(line);
}

/** The triage answer as terminal lines, in the words the UI uses. */
export function triageText(result: TriageResult, siteName: string): string[] {
  const lines: string[] = [`${result.query.ref} in "${siteName}": ${result.summary}.`];
  if (result.query.kind !== 'cve') lines.push(result.cves.length ? `CVEs: ${result.cves.map((cve) => cve.cve).join(', ')}` : 'No imported feed names CVEs for it; only the hosts\' own updates naming it count.');
  for (const cve of result.cves) {
    const facts: string[] = [];
    if (cve.kev) facts.push(`KNOWN EXPLOITED (CISA KEV since ${cve.kev.dateAdded}, due ${cve.kev.dueDate}${cve.kev.knownRansomware ? ', used by ransomware' : ''})`);
    if (cve.epss) facts.push(`EPSS ${cve.epss.score.toFixed(3)}${cve.epss.percentile === null ? '' : `, percentile ${formatPercentile(cve.epss.percentile)}`}`);
    if (cve.cvss) facts.push(`CVSS ${cve.cvss.baseScore.toFixed(1)} ${cve.cvss.severity.toLowerCase()} (${cve.cvss.source})`);
    lines.push(`${cve.cve}: ${facts.length ? facts.join('; ') : 'no KEV, EPSS or CVSS data in the imported feeds'}`);
  }
  const affected = result.assets.filter((row) => row.state !== 'fixed');
  const fixed = result.assets.filter((row) => row.state === 'fixed');
  if (affected.length) {
    lines.push('', 'AFFECTED (most urgent first)');
    lines.push(
      formatTable(
        ['ASSET', 'TIER', 'STATE', 'PACKAGE', 'INSTALLED', 'FIXED IN', 'PENDING UPDATE', 'DUE', 'SLA OUTCOME', 'EXCEPTION', 'WHY FIRST'],
        affected.map((row) => {
          const item = row.packages[0];
          return [
            `${row.hostname || row.address}${row.measured ? '' : ' (not measured now)'}`,
            row.tier === null ? '-' : String(row.tier),
            TRIAGE_STATE_LABELS[row.state],
            row.packages.map((each) => each.package).filter((name, index, all) => all.indexOf(name) === index).join(', '),
            item?.installedVersion ?? '',
            item?.fixedVersion ?? '',
            item?.update ? `${item.update.availableVersion} since ${item.update.missingSince.slice(0, 10)}` : '',
            row.sla ? `${row.sla.dueDate} ${row.sla.state.replace('_', ' ')}${row.sla.deadlineRule === 'policy' ? '' : ' (KEV rule)'}` : '',
            kevOutcomeText(row.slaOutcome),
            row.exception ? `#${row.exception.id} ${row.exception.compensatingControls || row.exception.reason}` : '',
            row.priority.reasons[0]?.text ?? '',
          ];
        }),
      ),
    );
  }
  if (fixed.length) {
    lines.push('', 'FIXED');
    lines.push(
      formatTable(
        ['ASSET', 'PACKAGE', 'VERSION', 'MISSING SINCE', 'FIX SEEN INSTALLED', 'SLA OUTCOME'],
        fixed.map((row) => [row.hostname || row.address, row.packages.map((each) => each.package).join(', '), row.packages[0]?.installedVersion ?? '', row.missingSince ? row.missingSince.slice(0, 10) : '', row.fixedAt ? (row.slaOutcome.fixedOn ?? row.fixedAt.slice(0, 10)) : 'already installed when first measured', kevOutcomeText(row.slaOutcome)]),
      ),
    );
  }
  if (result.unknown.length) {
    lines.push('', 'NOT KNOWN (not measured or no data: never counted as unaffected)');
    lines.push(formatTable(['ASSET', 'WHY'], result.unknown.map((row) => [row.hostname || row.address, row.detail])));
  }
  if (result.feeds.length) {
    lines.push('', `Feeds: ${result.feeds.map((feed) => `${feed.kind} ${feed.fileName}${feed.feedVersion ? ` v${feed.feedVersion}` : ''}${feed.feedDate ? ` (${feed.feedDate.slice(0, 10)})` : ''} sha256:${feed.sha256.slice(0, 12)}`).join('; ')}`);
  }
  if (result.emergency.assetIds.length) {
    const scope = result.emergency.assetIds.map((id) => result.assets.find((row) => row.assetId === id)).map((row) => (row ? ` --asset "${row.hostname || row.address}"` : '')).join('');
    lines.push('', `Open an emergency cycle: patchdesk cycle open --site "${siteName}" --emergency --trigger ${result.emergency.trigger} --deadline ${result.emergency.deadline}${scope} --reason "${result.emergency.reason.replace(/"/g, "'")}"`);
  }
  return lines;
}
