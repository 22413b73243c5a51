/**
 * Evidence as the checklist shows and sends it: links checked the way the host checks them (only
 * http and https, never with a user name or password in them), files by name, size and a short
 * SHA-256, and file bytes as base64 for the request.
 */
import type { ChecklistEvidence } from '../../../../shared/contract';
import { MAX_CHECKLIST_EVIDENCE_BYTES } from '../../../../shared/contract/cycles';

/** The same shape the contract accepts: a scheme, a host, then no spaces. */
const HTTP_LINK = /^https?:\/\/[^\s/?#]+(?:[/?#]\S*)?$/i;
const WITH_USERINFO = /^[a-z]+:\/\/[^/?#]*@/i;

/** Why a link is refused, or undefined when it is an acceptable http(s) link. */
export function linkProblem(url: string): string | undefined {
  const text = url.trim();
  if (WITH_USERINFO.test(text)) return 'Remove the user name or password from the link.';
  if (!HTTP_LINK.test(text)) return 'Enter a link starting with https:// or http://.';
  return undefined;
}

/** Only http(s) links are ever made clickable (a stored `javascript:` text stays text). */
export function safeHref(url: string): string | null {
  return linkProblem(url) === undefined ? url.trim() : null;
}

/** A link's label: its given name, else host and path without the scheme. */
export function linkLabel(evidence: { url: string; name: string }): string {
  if (evidence.name.trim()) return evidence.name.trim();
  return evidence.url.replace(/^https?:\/\//i, '').replace(/\/$/, '');
}

/** A size for people: "812 B", "14.2 KB", "3.4 MB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** The first 12 hex digits of a SHA-256, enough to tell files apart at a glance. */
export function shortSha(sha256: string): string {
  return sha256.slice(0, 12);
}

/** Why a file cannot be attached, or undefined. */
export function fileProblem(file: { name: string; size: number }): string | undefined {
  if (file.size > MAX_CHECKLIST_EVIDENCE_BYTES) return `“${file.name}” is ${formatBytes(file.size)}; a file attached as evidence may be at most ${MAX_CHECKLIST_EVIDENCE_BYTES / 1024 / 1024} MB.`;
  if (file.size === 0) return `“${file.name}” is empty.`;
  return undefined;
}

/** One line per piece of evidence, for titles and history. */
export function evidenceSummary(evidence: readonly ChecklistEvidence[]): string {
  return evidence.map((each) => (each.kind === 'link' ? linkLabel(each) : `${each.name} (${formatBytes(each.size)})`)).join(', ');
}
