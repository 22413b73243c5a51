/**
 * What every CLI command gets: the contract (through this process's dispatcher, or over the
 * socket of the process that owns the data folder), the event bus the same way, who runs the work,
 * and output streams. Commands never reach into services: one code path for both cases.
 */
import type { ApiResult } from '../../shared/contract/common';
import type { ChannelName, RequestOf, ResponseOf } from '../../shared/contract/index';
import type { Asset } from '../../shared/contract/assets';
import type { Site } from '../../shared/contract/sites';
import type { EventListener } from '../platform/event-bus';
import type { CoreKind } from '../owner/folder-lock';
import { fromApiError, usageError } from './cli-error';

/** Where the contract is served: this process's core, or the folder owner's socket. */
export interface CliBackend {
  invoke(channel: string, request: unknown): Promise<ApiResult<unknown>>;
  subscribe(listener: EventListener): () => void;
  /** Called when the backend goes away (the owner stopped); never for this process's own core. */
  onLost(listener: (reason: string) => void): void;
}

/** The process that runs what this command starts (jobs keep running only while it runs). */
export interface CliCoreOwner {
  kind: CoreKind;
  pid: number;
  /** True when that is this CLI process itself. */
  here: boolean;
}

export interface CliContext {
  out: (line: string) => void;
  err: (line: string) => void;
  /** Whether progress lines may be drawn (stderr is a terminal). */
  interactive: boolean;
  /** Who owns the data folder, so runs the jobs this command starts. */
  owner: CliCoreOwner;
  /** Calls a channel; a failure becomes a CliError with the right exit code. */
  call<C extends ChannelName>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>>;
  /** Calls a channel and returns its result as it is (for commands that handle failures themselves). */
  invoke<C extends ChannelName>(channel: C, request: RequestOf<C>): Promise<ApiResult<ResponseOf<C>>>;
  /** Receives the core's events (job progress and the like); returns the function that stops it. */
  subscribe(listener: EventListener): () => void;
  /** Called once if the core owning the folder stops while this command runs. */
  onLost(listener: (reason: string) => void): void;
}

/** Builds the context over a backend. */
export function createCliContext(backend: CliBackend, owner: CliCoreOwner, out: (line: string) => void, err: (line: string) => void, interactive: boolean): CliContext {
  return {
    out,
    err,
    interactive,
    owner,
    async call(channel, request) {
      const result = await backend.invoke(channel, request);
      if (!result.ok) throw fromApiError(result.error);
      return result.value as never;
    },
    invoke: (channel, request) => backend.invoke(channel, request) as never,
    subscribe: (listener) => backend.subscribe(listener),
    onLost: (listener) => backend.onLost(listener),
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
