import { describe, expect, it } from 'vitest';
import { SESSION_TOKEN_KEY, takeSessionToken, type TokenEnvironment } from './session-token';

function fakeEnvironment(hash: string, stored: string | null = null) {
  const storage = new Map<string, string>();
  if (stored !== null) storage.set(SESSION_TOKEN_KEY, stored);
  const replaced: string[] = [];
  const env: TokenEnvironment = {
    location: { hash, pathname: '/', search: '' },
    history: { replaceState: (_data, _unused, url) => replaced.push(url ?? '') },
    sessionStorage: { getItem: (key) => storage.get(key) ?? null, setItem: (key, value) => storage.set(key, value) },
  };
  return { env, storage, replaced };
}

describe('takeSessionToken', () => {
  it('takes the token from the hash, keeps it and strips it from the URL', () => {
    const { env, storage, replaced } = fakeEnvironment('#token=abc123');
    expect(takeSessionToken(env)).toBe('abc123');
    expect(storage.get(SESSION_TOKEN_KEY)).toBe('abc123');
    expect(replaced).toEqual(['/']);
  });

  it('falls back to the token kept in the tab', () => {
    const { env, replaced } = fakeEnvironment('#/inventory', 'kept');
    expect(takeSessionToken(env)).toBe('kept');
    expect(replaced).toEqual([]);
  });

  it('prefers a new token over the kept one', () => {
    const { env } = fakeEnvironment('#token=new', 'old');
    expect(takeSessionToken(env)).toBe('new');
  });

  it('returns null when there is none', () => {
    expect(takeSessionToken(fakeEnvironment('').env)).toBeNull();
    expect(takeSessionToken(fakeEnvironment('#token=').env)).toBeNull();
  });
});
