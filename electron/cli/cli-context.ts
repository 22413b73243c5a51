/** What every CLI command gets: the contract through the dispatcher, and output streams. */
import type { ChannelName, RequestOf, ResponseOf } from '../../shared/contract/index';
import type { Asset } from '../../shared/contract/assets';
import type { Site } from '../../shared/contract/sites';
import type { AppCore } from '../core/app-core';
import { fromApiError, usageError } from './cli-error';

export interface CliContext {
  core: AppCore;
  out: (line: string) => void;
  err: (line: string) => void;
  /** Whether progress lines may be drawn (stderr is a terminal). */
  interactive: boolean;
  /** Calls a channel; a failure becomes a CliError with the right exit code. */
  call<C extends ChannelName>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>>;
}

/** Builds the context over an opened core. */
export function createCliContext(core: AppCore, out: (line: string) => void, err: (line: string) => void, interactive: boolean): CliContext {
  return {
    core,
    out,
    err,
    interactive,
    async call(channel, request) {
      const result = await core.dispatcher.invoke(channel, request);
      if (!result.ok) throw fromApiError(result.error);
      return result.value as never;
    },
  };
}

/**
 * The site a command works on: `--site NAME`, or the only site when there is just one. The
 * message lists the sites when the choice is ambiguous.
 */
export async function resolveSite(context: CliContext, name: string | undefined): Promise<Site> {
  const sites = await context.call('sites:list', {});
  if (name !== undefined) {
    const site = sites.find((each) => each.name.toLowerCase() === name.toLowerCase());
    if (!site) throw usageError(`no site named "${name}"${sites.length > 0 ? ` (sites: ${sites.map((each) => each.name).join(', ')})` : ''}`);
    return site;
  }
  const [only, ...others] = sites;
  if (!only) throw usageError('there are no sites yet: add one with "patchdesk site add NAME --network CIDR"');
  if (others.length > 0) throw usageError(`there are ${sites.length} sites: choose one with --site NAME (${sites.map((each) => each.name).join(', ')})`);
  return only;
}

/**
 * The asset a command names by hostname (case-insensitive) or address, among the site's assets
 * with the given statuses (all by default); a usage error names the flag and the site otherwise.
 */
export async function resolveAsset(context: CliContext, site: Site, name: string, flag: string, statuses?: Asset['status'][]): Promise<Asset> {
  const assets = await context.call('assets:list', { siteId: site.id, ...(statuses ? { statuses } : {}) });
  const wanted = name.toLowerCase();
  const asset = assets.find((each) => each.hostname.toLowerCase() === wanted || each.addresses.includes(name));
  if (!asset) throw usageError(`${flag}: no ${statuses?.join(' or ') ?? ''}${statuses ? ' ' : ''}asset "${name}" in "${site.name}"`);
  return asset;
}
