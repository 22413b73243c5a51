import { describe, expect, it } from 'vitest';
import { interruptedReason } from './rollouts.service';

describe('interruptedReason', () => {
  it('counts the hosts read again and names those that could not be read, never claiming more', () => {
    expect(interruptedReason({ read: ['web-1', 'web-2'], unread: [] })).toBe('Patchdesk stopped while the rollout ran; the real state of 2 hosts was read again: resume when ready');
    expect(interruptedReason({ read: [], unread: ['files-1'] })).toBe('Patchdesk stopped while the rollout ran; the real state of files-1 could not be read yet (see its card); it is read before that host runs again: resume when ready');
    expect(interruptedReason({ read: ['web-1'], unread: ['db-1', 'db-2'] })).toBe(
      'Patchdesk stopped while the rollout ran; the real state of 1 host was read again; the real state of db-1, db-2 could not be read yet (see their cards); it is read before they run again: resume when ready',
    );
  });
});
