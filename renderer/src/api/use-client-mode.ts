import { useApiContext } from './api-context';

/** Whether the UI runs in the desktop app or a browser tab served by the host. */
export function useClientMode(): 'desktop' | 'browser' {
  return useApiContext().client.mode;
}
