/** Where the browser host's session token is kept for the life of the tab. */
export const SESSION_TOKEN_KEY = 'patchdesk.sessionToken';

/** The parts of `window` the token hand-off touches, so it can be tested without a DOM. */
export interface TokenEnvironment {
  location: { hash: string; pathname: string; search: string };
  history: { replaceState(data: unknown, unused: string, url?: string): void };
  sessionStorage: Pick<Storage, 'getItem' | 'setItem'>;
}

/**
 * Takes the token from `#token=...` when the page was opened with one, keeps it in sessionStorage
 * and removes it from the address bar (so it is not bookmarked, shared or left in history), else
 * returns the token kept earlier in this tab. Null when there is none.
 */
export function takeSessionToken(env: TokenEnvironment): string | null {
  const hash = env.location.hash.replace(/^#/, '');
  const params = new URLSearchParams(hash);
  const fromHash = params.get('token')?.trim();
  if (fromHash) {
    env.sessionStorage.setItem(SESSION_TOKEN_KEY, fromHash);
    params.delete('token');
    const rest = params.toString();
    env.history.replaceState(null, '', `${env.location.pathname}${env.location.search}${rest ? `#${rest}` : ''}`);
    return fromHash;
  }
  const kept = env.sessionStorage.getItem(SESSION_TOKEN_KEY)?.trim();
  return kept ? kept : null;
}
