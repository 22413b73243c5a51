/** Renders a before/after value of the audit trail in the words an admin reads, not as JSON. */
export function formatChangeValue(value: unknown): string {
  if (value === null || value === undefined || value === '') return '∅';
  if (Array.isArray(value)) return value.length === 0 ? '∅' : value.map(formatChangeValue).join(', ');
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    // Open ports: "22/tcp ssh".
    if (typeof record.port === 'number' && typeof record.protocol === 'string') {
      return `${record.port}/${record.protocol}${record.service ? ` ${String(record.service)}` : ''}`;
    }
    // Access: "ssh on 22 as admin".
    if (typeof record.method === 'string') {
      if (record.method === 'none') return 'none';
      return `${record.method}${record.port ? ` on ${String(record.port)}` : ''}${record.username ? ` as ${String(record.username)}` : ''}`;
    }
    // Classification and other small records: "impact: high, internetFacing: yes".
    return Object.entries(record)
      .map(([key, inner]) => `${key}: ${typeof inner === 'boolean' ? (inner ? 'yes' : 'no') : formatChangeValue(inner)}`)
      .join(', ');
  }
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return String(value);
}
