/**
 * Counted nouns for every surface (UI, CLI, PDF): "1 day", "2 days", "1,204 assets". One helper so
 * no page says "1 days" or "asset(s)".
 */

/** A whole number with thousands separators (`1,204`), the same on every machine. */
export function formatCount(value: number): string {
  const sign = value < 0 ? '-' : '';
  return sign + String(Math.abs(Math.round(value))).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** `1 day` / `2 days` / `1,204 assets`; give the plural form when it is not the singular plus "s" (`entry`, `entries`). */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${formatCount(count)} ${count === 1 ? singular : pluralForm}`;
}
