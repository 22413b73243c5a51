/**
 * `patchdesk intel fetch`: downloads KEV, EPSS and the Debian tracker (and, with `--osv`, OSV
 * exports) from their official addresses, or from a mirror (`--mirror URL`, or the
 * `PATCHDESK_INTEL_MIRROR` setting), and imports them. Needs the network; offline sites take a
 * bundle instead.
 */
import { parseArgs } from 'node:util';
import { INTEL_FEED_KIND_LABELS } from '../../../shared/contract/intel';
import { plural } from '../../../shared/domain/text/plural';
import { AppError } from '../../platform/app-error';
import { FETCHABLE_FEEDS, fetchTargets, type FetchableFeed } from '../../services/intel/feeds/intel-fetch.service';
import type { CliContext } from '../cli-context';
import { CliError, fromApiError, usageError } from '../cli-error';

export const INTEL_FETCH_USAGE = 'patchdesk intel fetch [--feed kev|epss|debian-tracker]... [--osv Debian,Ubuntu,AlmaLinux,Rocky Linux,Red Hat] [--mirror URL]';

/** Runs `intel fetch`. */
export async function runIntelFetchCommand(context: CliContext, args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { feed: { type: 'string', multiple: true }, osv: { type: 'string' }, mirror: { type: 'string' } } });
  const feeds = (values.feed ?? (values.osv ? [] : [...FETCHABLE_FEEDS])) as string[];
  const unknown = feeds.find((feed) => !(FETCHABLE_FEEDS as readonly string[]).includes(feed));
  if (unknown !== undefined) throw usageError(`--feed: "${unknown}" is not a feed intel fetch downloads (${FETCHABLE_FEEDS.join(', ')})\nUsage:\n${INTEL_FETCH_USAGE}`);
  const mirror = values.mirror ?? (process.env['PATCHDESK_INTEL_MIRROR'] || undefined);
  let targets;
  try {
    targets = fetchTargets(feeds as FetchableFeed[], values.osv ? values.osv.split(',').filter((each) => each.trim() !== '') : [], mirror);
  } catch (error) {
    if (error instanceof AppError) throw fromApiError({ code: error.code, message: error.message });
    throw error;
  }
  // One target per call, so each line shows as its feed arrives; a failed feed does not stop the others.
  let failed = 0;
  for (const target of targets) {
    const fetched = await context.invoke('intel:fetch', { target });
    if (!fetched.ok) {
      failed++;
      context.err(`patchdesk: ${fetched.error.message}`);
      continue;
    }
    const feed = fetched.value.feed;
    const version = [feed.feedVersion, feed.feedDate?.slice(0, 10)].filter(Boolean).join(', ');
    context.out(`${fetched.value.outcome === 'unchanged' ? 'Unchanged' : 'Imported'} ${INTEL_FEED_KIND_LABELS[feed.kind]}${version ? ` ${version}` : ''} from ${target.url}: ${plural(feed.recordCount, 'record')}.`);
  }
  if (failed > 0) throw new CliError(`${plural(failed, 'feed')} of ${targets.length} could not be fetched (see above)`, 1);
}
