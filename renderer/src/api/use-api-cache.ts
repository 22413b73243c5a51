import { useCallback } from 'react';
import type { ChannelName } from '../../../shared/contract';
import { useApiContext } from './api-context';

/** Lets a feature refresh cached channels after something changed outside a mutation (a push event). */
export function useInvalidate(): (channels: readonly ChannelName[]) => void {
  const { cache } = useApiContext();
  return useCallback((channels) => cache.invalidate(channels), [cache]);
}
