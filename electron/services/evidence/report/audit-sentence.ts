/**
 * One audit row as a sentence a broker can read ("Dana Ortiz added exception 3 for db-01, until
 * 5 January 2027"), for the pack's audit appendix and `data/audit-log.csv`. Every action the
 * services append has its own wording; an action this file does not know still reads as a
 * sentence, never as raw JSON. Nothing here prints a local path (files are named by their file
 * name only), and secret-looking fields are never read.
 */
import { formatExpiry, formatLocalDateTime, formatLongDate, isInstant, lastCoveredDay, parseInstant } from '../../../../shared/domain/sla/local-time';
import { plural } from '../../../../shared/domain/text/plural';
import { fileNameOnly } from './file-name';

/** The parts of an audit row a sentence is made from. */
export interface AuditSentenceEntry {
  actor: string;
  entityType: string;
  entityId: number | null;
  action: string;
  details: Record<string, unknown>;
}

/** What a sentence needs besides the row: the site's zone and the names of assets by id. */
export interface AuditSentenceContext {
  timeZone: string;
  assetName: (id: number) => string | null;
}

const MAX_SENTENCE = 300;

/** The row as one sentence, ending with a full stop, at most 300 characters. */
export function auditSentence(entry: AuditSentenceEntry, context: AuditSentenceContext): string {
  const words = new Wording(entry, context);
  const text = sentenceFor(words).trim().replace(/\s+/g, ' ');
  const ended = /[.!?]$/.test(text) ? text : `${text}.`;
  return ended.length > MAX_SENTENCE ? `${ended.slice(0, MAX_SENTENCE - 1).trimEnd()}…` : ended;
}

const FIELD_LABELS: Record<string, string> = {
  hostname: 'hostname',
  addresses: 'addresses',
  mac: 'MAC address',
  osFamily: 'OS family',
  osName: 'OS name',
  osVersion: 'OS version',
  deviceType: 'device type',
  role: 'role',
  owner: 'owner',
  department: 'department',
  location: 'location',
  tags: 'tags',
  access: 'access',
  notes: 'notes',
  status: 'status',
  source: 'source',
  stale: 'stale flag',
  missedScans: 'missed scans',
  openPorts: 'open ports',
  classification: 'classification',
  computedTier: 'tier',
  tierOverride: 'tier override',
  name: 'name',
  networks: 'networks',
  timezone: 'time zone',
  slaDays: 'SLA days',
  maxExceptionDays: 'exception limit',
  kevRules: 'KEV rules',
  freshnessDays: 'freshness limit',
  fixAgeBasis: 'SLA clock start',
};

const SECRET_KEY = /pass(word|phrase)?|secret|private|token|community|sealed|publicKey/i;

/** Reads the details defensively: rows written by older versions may lack any field. */
class Wording {
  readonly actor: string;

  constructor(
    readonly entry: AuditSentenceEntry,
    private readonly context: AuditSentenceContext,
  ) {
    this.actor = entry.actor.trim() === '' ? 'Someone' : entry.actor;
  }

  text(key: string): string {
    const value = this.entry.details[key];
    return typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '';
  }

  count(key: string): number | null {
    const value = this.entry.details[key];
    return typeof value === 'number' && Number.isFinite(value) ? value : null;
  }

  record(key: string): Record<string, unknown> | null {
    const value = this.entry.details[key];
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  }

  list(key: string): unknown[] {
    const value = this.entry.details[key];
    return Array.isArray(value) ? value : [];
  }

  /** `db-01`, or `asset 31` when the name is not known. */
  asset(id: number | null = this.entry.entityId): string {
    if (id === null) return 'an asset';
    return this.context.assetName(id) ?? this.changedHostname() ?? `asset ${id}`;
  }

  private changedHostname(): string | null {
    const hostname = this.record('changes')?.['hostname'];
    if (Array.isArray(hostname) && typeof hostname[1] === 'string' && hostname[1] !== '') return hostname[1];
    return null;
  }

  /** `exception 3` / `cycle 14`: the entity with its number. */
  entity(noun: string): string {
    return this.entry.entityId === null ? `a ${noun}` : `${noun} ${this.entry.entityId}`;
  }

  /** A day for sentences: `5 January 2027`. */
  day(value: string): string {
    return formatLongDate(value);
  }

  /** An instant as the site's local date and time (`2026-10-14 09:05`), or as given when it is not one. */
  time(value: string): string {
    return isInstant(value) ? formatLocalDateTime(parseInstant(value), this.context.timeZone) : value;
  }

  /** An exception's end as its last covered day in words (`5 January 2027`). */
  lastDay(value: string): string {
    if (!isInstant(value)) return value;
    const ms = parseInstant(value);
    const text = formatExpiry(ms, this.context.timeZone);
    return text === lastCoveredDay(ms, this.context.timeZone) ? formatLongDate(text) : text;
  }

  /** The fields that changed, in words: `owner, location and tier`. */
  changedFields(): string {
    const changes = this.record('changes');
    if (!changes) return '';
    const names = Object.keys(changes)
      .filter((key) => !SECRET_KEY.test(key))
      .map((key) => FIELD_LABELS[key] ?? words(key));
    return joinWords(names);
  }

  /** ` (note)` for a non-empty note or reason, quoted. */
  because(key: string): string {
    const note = this.text(key);
    return note === '' ? '' : `: “${note}”`;
  }
}

function words(identifier: string): string {
  return identifier
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[-_]+/g, ' ')
    .toLowerCase()
    .trim();
}

function joinWords(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1] ?? ''}`;
}

function scopeText(w: Wording): string {
  const scope = w.record('scope');
  if (!scope) return w.entry.entityId === null ? '' : '';
  const kind = typeof scope['kind'] === 'string' ? scope['kind'] : 'asset';
  const value = typeof scope['value'] === 'string' ? scope['value'] : '';
  const assetId = typeof scope['assetId'] === 'number' ? scope['assetId'] : null;
  const where = assetId === null ? 'all assets' : w.asset(assetId);
  if (kind === 'asset') return ` for ${where}`;
  const what = kind === 'package' ? `package ${value}` : kind === 'update' ? `update ${value}` : value;
  return ` for ${what} on ${where}`;
}

function tierText(value: unknown): string {
  if (typeof value === 'number') return `tier ${value}`;
  if (value !== null && typeof value === 'object' && typeof (value as { tier?: unknown }).tier === 'number') return `tier ${(value as { tier: number }).tier}`;
  return 'no tier';
}

function sentenceFor(w: Wording): string {
  const a = w.actor;
  const d = w.entry.details;
  switch (w.entry.action) {
    // Exceptions
    case 'exception-created':
    case 'exception-renewed': {
      const until = w.text('expiresAt') === '' ? '' : `, until ${w.lastDay(w.text('expiresAt'))}`;
      const renews = w.count('renews');
      const verb = w.entry.action === 'exception-renewed' || renews !== null ? 'renewed' : 'added';
      const renewal = verb === 'renewed' && renews !== null ? ` (replacing exception ${renews})` : '';
      const owner = w.text('owner') === '' ? '' : `; owner ${w.text('owner')}`;
      return `${a} ${verb} ${w.entity('exception')}${renewal}${scopeText(w)}${until}${owner}`;
    }
    case 'exception-closed':
      return `${a} closed ${w.entity('exception')}${w.because('reason')}`;

    // Inventory
    case 'created':
      if (w.entry.entityType === 'site') return `${a} created the site ${siteName(d['site'])}`.trimEnd();
      return `${a} added ${w.asset()} to the inventory by hand`;
    case 'edited':
      if (w.entry.entityType === 'site') return `${a} changed the site settings (${joinWords(changedKeys(d['before'], d['after'])) || 'no field'})`;
      return `${a} edited ${w.asset()}${w.changedFields() ? ` (${w.changedFields()})` : ''}`;
    case 'discovered':
      return `A scan by ${a} discovered ${w.asset()}; it waits in the unreviewed list`;
    case 'refreshed':
      return `A scan by ${a} updated ${w.asset()}${w.changedFields() ? ` (${w.changedFields()})` : ''}`;
    case 'imported':
      return `${a} imported ${w.asset()}${w.changedFields() ? ` (${w.changedFields()})` : ''}`;
    case 'accepted':
      return `${a} accepted ${w.asset()} into the inventory`;
    case 'dismissed':
      return `${a} dismissed ${w.asset()} as not managed here`;
    case 'retired':
      return `${a} retired ${w.asset()}${w.because('note')}`;
    case 'marked-stale':
      return `A scan by ${a} marked ${w.asset()} stale${w.because('note')}`;
    case 'classified':
      return `${a} classified ${w.asset()}${classifiedTier(w)}`;
    case 'tier-overridden': {
      const change = w.record('changes')?.['tierOverride'];
      const tier = Array.isArray(change) ? tierText(change[1]) : 'another tier';
      return `${a} set ${w.asset()} to ${tier}${w.because('note')}`;
    }
    case 'tier-override-cleared':
      return `${a} cleared the tier override of ${w.asset()}${w.because('note')}`;
    case 'csv-imported':
    case 'nmap-imported': {
      const kind = w.entry.action === 'csv-imported' ? 'CSV' : 'nmap XML';
      const file = fileNameOnly(w.text('fileName'));
      const counts = [`${plural(w.count('created') ?? 0, 'asset')} added`, `${w.count('updated') ?? 0} updated`, `${w.count('unchanged') ?? 0} unchanged`];
      const bad = w.count('badRows') ?? 0;
      if (bad > 0) counts.push(`${plural(bad, 'row')} refused`);
      return `${a} imported the ${kind} file${file ? ` ${file}` : ''}: ${joinWords(counts)}`;
    }
    case 'assets-exported':
      return `${a} exported the inventory of ${plural(w.count('count') ?? 0, 'asset')} as ${w.text('format').toUpperCase() || 'a file'}`;

    // Scans and collections
    case 'scan-started':
      return `${a} started scan ${w.entry.entityId ?? ''} of ${plural(w.count('addresses') ?? 0, 'address', 'addresses')}`;
    case 'scan-completed':
    case 'scan-cancelled':
    case 'scan-failed':
    case 'scan-interrupted': {
      const outcome = w.entry.action.slice('scan-'.length);
      const found = `${plural(w.count('liveHosts') ?? 0, 'live host')}, ${w.count('newHosts') ?? 0} new`;
      const stale = (w.count('staleMarked') ?? 0) > 0 ? `, ${w.count('staleMarked')} marked stale` : '';
      const error = w.text('error') === '' ? '' : `: ${w.text('error')}`;
      return `Scan ${w.entry.entityId ?? ''} ${outcome === 'completed' ? 'finished' : `was ${outcome}`}: ${found}${stale}${error}`;
    }
    case 'collection-started':
      return `${a} started collection ${w.entry.entityId ?? ''} for ${plural(w.count('hosts') ?? 0, 'host')}`;
    case 'collection-completed':
    case 'collection-cancelled':
    case 'collection-failed':
    case 'collection-interrupted': {
      const outcome = w.entry.action.slice('collection-'.length);
      const ok = w.count('ok') ?? 0;
      const failed = w.count('failed') ?? 0;
      return `Collection ${w.entry.entityId ?? ''} ${outcome === 'completed' ? 'finished' : `was ${outcome}`}: ${plural(ok + failed, 'host')}, ${ok} read, ${failed} failed`;
    }
    case 'patch-status-collected': {
      const method = w.text('method') === 'offline-file' ? ' from an offline collection file' : '';
      const resolved = w.count('resolved') ?? 0;
      const opened = w.count('newlyMissing') ?? 0;
      return `Patch status of ${w.asset()} was read${method}: ${plural(w.count('pending') ?? 0, 'update')} pending (${w.count('security') ?? 0} security), ${opened} newly missing, ${resolved} installed since the last reading`;
    }
    case 'host-key-approved':
      return `${a} accepted the changed SSH host key of ${w.asset()} (${w.text('fingerprint')})`;

    // Credentials
    case 'vault-created':
      return `${a} set up the credential vault, protected by ${w.text('protection') === 'os-keychain' ? 'the OS keychain' : 'a master passphrase'}`;
    case 'credential-created':
      return `${a} added the ${w.text('kind').toUpperCase()} credential “${w.text('name')}” for user ${w.text('username')}`;
    case 'credential-retired':
      return `${a} retired the credential “${w.text('name')}”`;
    case 'credential-bound':
    case 'credential-unbound': {
      const targets = [...w.list('assetIds').filter((id): id is number => typeof id === 'number').map((id) => w.asset(id)), ...w.list('tags').filter((tag): tag is string => typeof tag === 'string').map((tag) => `tag “${tag}”`)];
      const verb = w.entry.action === 'credential-bound' ? 'bound' : 'unbound';
      return `${a} ${verb} ${w.entity('credential')} ${verb === 'bound' ? 'to' : 'from'} ${joinWords(targets) || 'the whole site'}`;
    }
    case 'credential-used': {
      const asset = typeof d['assetId'] === 'number' ? ` on ${w.asset(d['assetId'])}` : '';
      return `${a} used ${w.entity('credential')}${asset}${w.text('purpose') ? ` for ${words(w.text('purpose'))}` : ''}`;
    }

    // Sites and policy
    case 'policy-changed':
      return `${a} changed the patch policy (${joinWords(changedKeys(d['before'], d['after']).map((key) => FIELD_LABELS[key] ?? words(key))) || 'no field'})`;

    // Cycles
    case 'cycle-opened':
      if (w.text('kind') === 'emergency') return `${a} opened emergency ${w.entity('cycle')} for ${w.text('trigger')}, deadline ${w.time(w.text('deadline'))}${w.because('reason')}`;
      return `${a} opened ${w.entity('cycle')}, the ${w.text('month')} patch cycle`.replace(/the {2}patch/, 'the patch');
    case 'cycle-item-done':
    case 'cycle-item-not-applicable': {
      const done = w.entry.action === 'cycle-item-done';
      const by = w.text('doneBy') !== '' && w.text('doneBy') !== a ? ` (done by ${w.text('doneBy')})` : '';
      const files = w
        .list('evidence')
        .map((each) => (each !== null && typeof each === 'object' ? (each as Record<string, unknown>) : {}))
        .map((each) => (each['kind'] === 'file' && typeof each['name'] === 'string' ? fileNameOnly(each['name']) : typeof each['url'] === 'string' ? each['url'] : ''))
        .filter((name) => name !== '');
      const proof = files.length > 0 ? `, with ${joinWords(files)}` : '';
      return `${a} ${done ? 'ticked' : 'marked as not applicable'} “${w.text('title') || w.text('key')}” in ${w.entity('cycle')}${by}${proof}${w.because('note')}`;
    }
    case 'cycle-item-reopened':
      return `${a} reopened “${w.text('title') || w.text('key')}” in ${w.entity('cycle')}${w.because('reason')}`;
    case 'cycle-closed': {
      const pending = w.list('pending').length;
      const forced = d['forced'] === true ? ` with ${plural(pending, 'item')} still open` : '';
      return `${a} closed ${w.entity('cycle')}${forced}${w.because('note')}`;
    }
    case 'cycle-settings-changed':
      return `${a} changed the patch cycle schedule (${joinWords(changedKeys(d['before'], d['after']).map(words)) || 'no field'})`;
    case 'cycle-template-changed':
      return `${a} changed the ${w.text('kind') || 'cycle'} checklist template`;
    case 'cycle-rings-set': {
      const assets = w.list('assets').length;
      return `${a} put ${plural(assets, 'asset')} in the ${w.text('ring') || 'default'} ring`;
    }
    case 'cycle-windows-set':
      return `${a} changed the maintenance windows (${w.text('timezone') || 'site time'})`;

    // Evidence
    case 'branding-updated':
      return `${a} changed the report branding to “${w.text('mspName')}”${w.record('logo') ? ', with a logo' : ', without a logo'}`;
    case 'signing-key-created':
      return `${a} created this installation's evidence signing key (${w.text('fingerprint')})`;
    case 'evidence-pack-exported': {
      const period = w.record('period');
      const range = period && typeof period['from'] === 'string' && typeof period['to'] === 'string' ? ` for ${w.day(period['from'])} to ${w.day(period['to'])}` : '';
      const file = fileNameOnly(w.text('file'));
      return `${a} exported evidence pack ${w.entry.entityId ?? ''}${range}${file ? ` as ${file}` : ''}`;
    }
    default:
      return fallback(w);
  }
}

function siteName(site: unknown): string {
  return site !== null && typeof site === 'object' && typeof (site as { name?: unknown }).name === 'string' ? `“${(site as { name: string }).name}”` : '';
}

function classifiedTier(w: Wording): string {
  const change = w.record('changes')?.['computedTier'];
  return Array.isArray(change) ? ` as ${tierText(change[1])}` : '';
}

function changedKeys(before: unknown, after: unknown): string[] {
  if (before === null || typeof before !== 'object' || after === null || typeof after !== 'object') return [];
  const a = before as Record<string, unknown>;
  const b = after as Record<string, unknown>;
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((key) => !SECRET_KEY.test(key) && JSON.stringify(a[key]) !== JSON.stringify(b[key])).sort();
}

function fallback(w: Wording): string {
  const what = w.entry.entityType === 'asset' ? w.asset() : w.entry.entityId === null ? `the ${words(w.entry.entityType)}` : w.entity(words(w.entry.entityType));
  return `${w.actor} recorded “${words(w.entry.action)}” on ${what}`;
}
