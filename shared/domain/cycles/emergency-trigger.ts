/**
 * What an emergency cycle is opened for: a CVE, a Microsoft KB, or a vendor advisory (RHSA-2026:1234,
 * DSA-5800-1, VMSA-2026-0001, cisco-sa-..., FG-IR-26-001). The reference is normalised so the
 * same trigger is recognised however it was typed.
 */

/** The kinds of trigger. */
export const TRIGGER_KINDS = ['cve', 'kb', 'advisory'] as const;
/** One of `TRIGGER_KINDS`. */
export type TriggerKind = (typeof TRIGGER_KINDS)[number];

/** A recognised trigger. */
export interface EmergencyTrigger {
  kind: TriggerKind;
  /** `CVE-2026-1234`, `KB5034441`, or the advisory id as typed. */
  ref: string;
}

const CVE = /^cve-(\d{4})-(\d{4,})$/i;
const KB = /^(?:kb\s?)?(\d{5,8})$/i;
const ADVISORY = /^[A-Za-z][A-Za-z0-9._:/-]{2,99}$/;

/**
 * Recognises a trigger: a CVE id, a KB number (`KB5034441`, `5034441`), or an advisory id (a
 * letter, then letters, digits and `. _ : / -`, 3-100 characters). Null for anything else.
 */
export function parseEmergencyTrigger(text: string): EmergencyTrigger | null {
  const value = text.trim();
  const cve = CVE.exec(value);
  if (cve) return { kind: 'cve', ref: `CVE-${cve[1]}-${cve[2]}` };
  const kb = KB.exec(value);
  if (kb) return { kind: 'kb', ref: `KB${kb[1]}` };
  if (ADVISORY.test(value)) return { kind: 'advisory', ref: value };
  return null;
}
