import type { ApiIssue } from '../api/api-client-error';

/**
 * Turns host issues into per-field messages: strips the request's wrapper (`changes.`, `fields.`)
 * and keeps the first message per field. `depth` is how many path segments name a field
 * (`contact.email` needs 2; `addresses.3` is still the `addresses` field).
 */
export function issuesByField(issues: readonly ApiIssue[], fieldDepth: (path: string[]) => number = () => 1): Record<string, string> {
  const byField: Record<string, string> = {};
  for (const issue of issues) {
    const segments = issue.path.split('.').filter(Boolean);
    while (segments[0] === 'changes' || segments[0] === 'fields') segments.shift();
    const field = segments.slice(0, Math.max(1, fieldDepth(segments))).join('.') || 'form';
    byField[field] ??= issue.message;
  }
  return byField;
}
