import { z } from 'zod';
import { parseTarget } from '../domain/network-targets';
import { checkedString, Id, IsoTimestamp, NonEmptyText, OptionalText } from './common';

/** A network target as a site stores it: CIDR, range or single address, checked by the domain parser. */
export const NetworkTarget = z
  .string()
  .trim()
  .superRefine((value, context) => {
    const result = parseTarget(value);
    if (!result.ok) context.addIssue({ code: 'custom', message: result.message });
  });

/** An IANA time zone name, checked against the runtime's list. */
export const TimeZone = checkedString(isKnownTimeZone, (value) => `"${value}" is not a known IANA time zone (such as Europe/Berlin)`);

function isKnownTimeZone(value: string): boolean {
  if (value === 'UTC') return true;
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/** Who to call at the client. */
export const SiteContact = z.object({
  name: OptionalText(200),
  email: OptionalText(200),
  phone: OptionalText(100),
});
export type SiteContact = z.infer<typeof SiteContact>;

/** A site: one client (MSP) or one location. Everything else is per site. */
export const Site = z.object({
  id: Id,
  name: z.string(),
  networks: z.array(z.string()),
  timezone: z.string(),
  contact: SiteContact,
  notes: z.string(),
  createdAt: IsoTimestamp,
  updatedAt: IsoTimestamp,
  /** Counts for the site switcher and overview. */
  assetCount: z.number().int().nonnegative(),
  unreviewedCount: z.number().int().nonnegative(),
  staleCount: z.number().int().nonnegative(),
  lastScanAt: IsoTimestamp.nullable(),
});
export type Site = z.infer<typeof Site>;

/** What the user fills in to create or edit a site. */
export const SiteInput = z.object({
  name: NonEmptyText(120),
  networks: z.array(NetworkTarget).max(256, 'at most 256 networks per site').default([]),
  timezone: TimeZone.default('UTC'),
  contact: SiteContact.default({ name: '', email: '', phone: '' }),
  notes: OptionalText(4000),
});
export type SiteInput = z.input<typeof SiteInput>;

/** Changes to a site: only the fields named are changed (no defaults here, unlike SiteInput). */
export const SiteChanges = z
  .object({
    name: NonEmptyText(120),
    networks: z.array(NetworkTarget).max(256, 'at most 256 networks per site'),
    timezone: TimeZone,
    contact: SiteContact,
    notes: z.string().max(4000),
  })
  .partial();

export const SiteUpdate = z.object({ id: Id, changes: SiteChanges });
export type SiteUpdate = z.input<typeof SiteUpdate>;
