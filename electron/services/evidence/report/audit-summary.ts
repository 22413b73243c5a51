/**
 * One readable line per audit row for the pack's excerpt. The details never hold secrets (the
 * services record names, ids and counts only), but anything that looks like one is masked anyway,
 * because the excerpt leaves the building.
 */

const MAX_SUMMARY = 240;
const SECRET_KEY = /pass(word|phrase)?|secret|private|token|community|sealed/i;

/** `key=value, key=value`, nested values as compact JSON, secret-looking keys masked, capped in length. */
export function summariseAuditDetails(details: Record<string, unknown>): string {
  const parts = Object.keys(details)
    .sort()
    .map((key) => `${key}=${SECRET_KEY.test(key) ? '[hidden]' : render(details[key])}`);
  const text = parts.join(', ');
  return text.length > MAX_SUMMARY ? `${text.slice(0, MAX_SUMMARY - 1)}…` : text;
}

function render(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined) return '';
  return JSON.stringify(value, (key, inner: unknown) => (key !== '' && SECRET_KEY.test(key) ? '[hidden]' : inner));
}
