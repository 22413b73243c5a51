/**
 * `patchdesk intel ...`: vulnerability feeds. `import FILE...` reads KEV, EPSS, NVD, OSV, Debian
 * tracker and Microsoft files, and signed intel bundles (verified first, trusted signers only);
 * `status` lists each feed with its version or date, records, age and provenance; `cve ID` prints
 * what the feeds say about one CVE; `fetch` downloads the feeds; `bundle --out FILE` writes a
 * signed bundle of the current feeds for an offline site.
 */
import { basename, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { INTEL_FEED_KIND_LABELS, type AffectedProduct, type CveIntel, type IntelFeed, type IntelFeedStatus } from '../../../shared/contract/intel';
import { feedAgeFlag, feedAgeFlags, feedAgeLimits, type FeedAgeLimits } from '../../../shared/domain/intel/feed-age';
import { plural } from '../../../shared/domain/text/plural';
import { resolveSite, type CliContext } from '../cli-context';
import { CliError, usageError } from '../cli-error';
import { formatTable } from '../table';
import { INTEL_FETCH_USAGE, runIntelFetchCommand } from './intel-fetch.command';

export const INTEL_USAGE = `patchdesk intel import FILE... [--key FINGERPRINT]
patchdesk intel status [--site NAME] [--json]     feeds older than the site policy's limits are flagged
patchdesk intel cve CVE-ID [--json]
${INTEL_FETCH_USAGE}
patchdesk intel bundle --out FILE`;

/** Runs `intel ...`. */
export async function runIntelCommand(context: CliContext, args: string[]): Promise<void> {
  const [action, ...rest] = args;
  if (action === 'import') return importFiles(context, rest);
  if (action === 'status') return status(context, rest);
  if (action === 'cve') return cve(context, rest);
  if (action === 'fetch') return runIntelFetchCommand(context, rest);
  if (action === 'bundle') return bundle(context, rest);
  throw usageError(`Usage:\n${INTEL_USAGE}`);
}

/** Imports each file in turn; a refused file is named on stderr and the others still go in. */
async function importFiles(context: CliContext, args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { key: { type: 'string' } } });
  if (positionals.length === 0) throw usageError(`intel import needs at least one FILE\nUsage:\n${INTEL_USAGE}`);
  let failure: CliError | undefined;
  for (const file of positionals) {
    try {
      // The core (perhaps another process) reads the file: it gets the full path.
      const imported = await context.call('intel:importFile', { path: resolve(file), ...(values.key === undefined ? {} : { pinnedFingerprint: values.key }) });
      if (imported.kind === 'bundle') {
        const result = imported.result;
        const trust = result.signer.trust.kind === 'trusted_signer' ? `trusted signer "${result.signer.trust.name ?? ''}"` : result.signer.trust.kind === 'pinned' ? 'the pinned key' : "this installation's key";
        context.out(`Verified ${basename(file)}: signed ${result.generatedAt} by ${result.signer.fingerprint} (${trust}).`);
        for (const each of result.imported) context.out(describeImport(each.outcome, each.feed));
        for (const each of result.skipped) context.out(`Kept out ${each.fileName}: ${each.reason.replace(/; nothing was imported$/, '')}.`);
        continue;
      }
      const result = imported.result;
      context.out(describeImport(result.outcome, result.feed));
      for (const warning of result.outcome === 'imported' ? result.feed.warnings : []) context.err(`patchdesk: warning: ${result.feed.fileName}: ${warning}`);
    } catch (error) {
      const cliError = error instanceof CliError ? error : new CliError((error as Error).message, 1);
      context.err(`patchdesk: ${cliError.message}`);
      failure ??= cliError;
    }
  }
  if (failure) process.exitCode = failure.exitCode;
}

function describeImport(outcome: 'imported' | 'unchanged', feed: IntelFeed): string {
  const what = `${INTEL_FEED_KIND_LABELS[feed.kind]}${feed.scope && feed.scope !== 'records' ? ` (${feed.scope})` : ''}`;
  const version = [feed.feedVersion, feed.feedDate ? feed.feedDate.slice(0, 10) : null].filter(Boolean).join(', ');
  if (outcome === 'unchanged') return `Unchanged: ${feed.fileName} is already imported (${what}${version ? `, ${version}` : ''}).`;
  return `Imported ${feed.fileName}: ${what}${version ? ` ${version}` : ''}, ${plural(feed.recordCount, 'record')}, SHA-256 ${feed.sha256}.`;
}

/**
 * The feed age limits `intel status` judges by: the named site's policy, else the only site's,
 * else the defaults (feeds serve the whole installation; the limits are a site's policy).
 */
async function statusLimits(context: CliContext, siteName: string | undefined): Promise<{ limits: FeedAgeLimits; from: string }> {
  const sites = await context.call('sites:list', {});
  const site = siteName === undefined ? (sites.length === 1 ? sites[0] : undefined) : await resolveSite(context, siteName);
  if (!site) return { limits: feedAgeLimits(undefined), from: sites.length === 0 ? 'the default limits' : 'the default limits (--site NAME judges by that site\'s policy)' };
  const policy = await context.call('policy:get', { siteId: site.id });
  return { limits: feedAgeLimits(policy.feedAgeLimitDays), from: `the policy of "${site.name}"` };
}

async function status(context: CliContext, args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { json: { type: 'boolean' }, site: { type: 'string' } } });
  const feeds = await context.call('intel:status', {});
  const { limits, from } = await statusLimits(context, values.site);
  const flags = feedAgeFlags(feeds, limits);
  if (values.json) {
    const rows = feeds.map((feed) => ({ ...feed, ageLimitDays: limits[feed.kind], ageFlag: feedAgeFlag(feed, limits)?.message ?? null }));
    return context.out(JSON.stringify({ limitsFrom: from, limits, feeds: rows, flags }, null, 2));
  }
  if (feeds.length === 0) {
    context.out('No feeds imported yet: "patchdesk intel import FILE..." or "patchdesk intel fetch".');
  } else {
    context.out(
      formatTable(
        ['KIND', 'SCOPE', 'VERSION', 'DATE', 'RECORDS', 'AGE', 'LIMIT', 'FILE', 'SOURCE', 'RETRIEVED (UTC)', 'SHA-256'],
        feeds.map((feed) => [INTEL_FEED_KIND_LABELS[feed.kind], feed.scope, feed.feedVersion ?? '', feed.feedDate?.slice(0, 10) ?? '(none)', String(feed.recordCount), age(feed), plural(limits[feed.kind], 'day'), feed.fileName, feed.sourceUrl ?? 'file', feed.retrievedAt.slice(0, 16).replace('T', ' '), feed.sha256.slice(0, 16)]),
      ),
    );
  }
  context.out(`Age limits: ${from}.`);
  for (const flag of flags) context.out(`Flag: ${flag.message}`);
}

function age(feed: IntelFeedStatus): string {
  if (feed.ageDays === null) return 'unknown';
  return `${plural(feed.ageDays, 'day')}${feed.feedDate ? '' : ' (retrieved)'}`;
}

async function cve(context: CliContext, args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { json: { type: 'boolean' } } });
  if (positionals.length !== 1) throw usageError(`intel cve needs one CVE-ID\nUsage:\n${INTEL_USAGE}`);
  const intel = await context.call('intel:cve', { cveId: positionals[0] as string });
  if (values.json) return context.out(JSON.stringify(intel, null, 2));
  for (const line of describeCve(intel)) context.out(line);
}

/** What the feeds say about a CVE, as lines; every part names the feed it came from. */
export function describeCve(intel: CveIntel): string[] {
  const feedName = (id: number) => {
    const feed = intel.feeds.find((each) => each.id === id);
    return feed ? `${INTEL_FEED_KIND_LABELS[feed.kind]} ${feed.feedVersion ?? feed.feedDate?.slice(0, 10) ?? feed.retrievedAt.slice(0, 10)}, ${feed.fileName}` : `feed ${id}`;
  };
  const lines = [intel.cveId];
  if (intel.feeds.length === 0) return [...lines, '  No imported feed mentions this CVE (import KEV, EPSS, NVD or distribution data first).'];
  const { kev, epss, nvd } = intel;
  lines.push(
    kev
      ? `  KEV: yes, added ${kev.dateAdded}, due ${kev.dueDate}, known ransomware use: ${kev.knownRansomwareCampaignUse ?? 'not stated'} (${kev.vendorProject} ${kev.product}: ${kev.vulnerabilityName}) [${feedName(kev.feedId)}]`
      : '  KEV: not listed in the imported catalogue',
  );
  lines.push(epss ? `  EPSS: ${epss.score} (percentile ${epss.percentile ?? 'not given'}, model ${epss.modelVersion ?? 'not given'}, ${epss.scoreDate ?? 'undated'}) [${feedName(epss.feedId)}]` : '  EPSS: no score in the imported file');
  if (nvd) {
    lines.push(nvd.cvss ? `  CVSS: ${nvd.cvss.score} ${nvd.cvss.severity ?? ''} (CVSS ${nvd.cvss.version}, ${nvd.cvss.source}) ${nvd.cvss.vector} [${feedName(nvd.feedId)}]` : `  CVSS: not scored by NVD [${feedName(nvd.feedId)}]`);
    lines.push(`  NVD: ${nvd.vulnStatus ?? ''}, published ${nvd.published?.slice(0, 10) ?? '?'}, modified ${nvd.lastModified?.slice(0, 10) ?? '?'}${nvd.cwes.length > 0 ? `, ${nvd.cwes.join(', ')}` : ''}`);
    if (nvd.description) lines.push(`    ${nvd.description}`);
    for (const product of nvd.products.filter((each) => each.vulnerable)) lines.push(`    affects ${product.vendor} ${product.product} ${describeRange(product)}`);
  } else lines.push('  CVSS: no NVD record imported');
  for (const advisory of intel.advisories) lines.push(`  Advisory ${advisory.advisoryId}${advisory.summary ? `: ${advisory.summary}` : ''}${advisory.withdrawn ? ` (withdrawn ${advisory.withdrawn.slice(0, 10)})` : ''} [${feedName(advisory.feedId)}]`);
  for (const row of intel.affected) {
    const state = row.status === 'fixed' ? `fixed in ${row.fixedVersion ?? ''}` : row.status === 'open' ? 'no fix yet' : row.status === 'not_affected' ? 'not affected' : 'undetermined';
    lines.push(`  ${row.distribution} ${row.release} ${row.package}: ${state}${row.urgency ? `, urgency ${row.urgency}` : ''}${row.note ? `, ${row.note}` : ''}${row.advisoryId ? ` (${row.advisoryId})` : ''} [${feedName(row.feedId)}]`);
  }
  for (const issue of intel.tracker) if (issue.description && !nvd?.description) lines.push(`  Debian tracker (${issue.package}): ${issue.description}`);
  return lines;
}

function describeRange(product: AffectedProduct): string {
  const parts = [
    product.versionStartIncluding ? `from ${product.versionStartIncluding}` : '',
    product.versionStartExcluding ? `after ${product.versionStartExcluding}` : '',
    product.versionEndIncluding ? `up to ${product.versionEndIncluding}` : '',
    product.versionEndExcluding ? `before ${product.versionEndExcluding}` : '',
  ].filter(Boolean);
  if (parts.length > 0) return parts.join(' ');
  return product.version === '*' ? 'all versions' : product.version;
}

async function bundle(context: CliContext, args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { out: { type: 'string' } } });
  if (!values.out) throw usageError(`intel bundle needs --out FILE\nUsage:\n${INTEL_USAGE}`);
  const written = await context.call('intel:writeBundle', { outPath: resolve(values.out) });
  context.out(`Wrote ${written.path} (${plural(written.size, 'byte')}): ${plural(written.feeds.length, 'feed')}, signed by ${written.fingerprint}.`);
  context.out('At the offline site: "patchdesk intel import FILE". Its signer must be trusted there ("patchdesk evidence trust add FINGERPRINT --name NAME"), or pinned with --key.');
}
