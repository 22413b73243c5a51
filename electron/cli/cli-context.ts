/** What every CLI command gets: the contract through the dispatcher, and output streams. */
import type { ChannelName, RequestOf, ResponseOf } from '../../shared/contract/index';
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
