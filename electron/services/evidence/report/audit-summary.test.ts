import { describe, expect, it } from 'vitest';
import { summariseAuditDetails } from './audit-summary';

describe('summariseAuditDetails', () => {
  it('lists keys in order with compact values', () => {
    expect(summariseAuditDetails({ tier: 1, reason: 'internet-facing', changes: { owner: ['Ana', 'Ben'] } })).toBe('changes={"owner":["Ana","Ben"]}, reason=internet-facing, tier=1');
  });

  it('masks anything that looks like a secret, nested too', () => {
    const text = summariseAuditDetails({ password: 'hunter2', nested: { sudoPassword: 'x', name: 'ok' } });
    expect(text).not.toContain('hunter2');
    expect(text).toBe('nested={"sudoPassword":"[hidden]","name":"ok"}, password=[hidden]');
  });

  it('caps long details', () => {
    expect(summariseAuditDetails({ note: 'x'.repeat(1000) })).toHaveLength(240);
  });
});
