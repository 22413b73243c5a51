import { describe, expect, it } from 'vitest';
import { issuesByField } from './issue-paths';

describe('issuesByField', () => {
  it('strips request wrappers and keeps the first message per field', () => {
    expect(
      issuesByField([
        { path: 'changes.addresses.2', message: 'bad address' },
        { path: 'changes.addresses.3', message: 'another' },
        { path: 'fields.hostname', message: 'too long' },
        { path: '', message: 'whole form' },
      ]),
    ).toEqual({ addresses: 'bad address', hostname: 'too long', form: 'whole form' });
  });

  it('keeps nested field names when asked', () => {
    expect(issuesByField([{ path: 'contact.email', message: 'x' }], (path) => (path[0] === 'contact' ? 2 : 1))).toEqual({ 'contact.email': 'x' });
  });
});
