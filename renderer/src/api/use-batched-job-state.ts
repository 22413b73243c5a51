import { useCallback, useEffect, useRef, useState } from 'react';
import type { ChannelName } from '../../../shared/contract';
import { useInvalidate } from './use-api-cache';

/** How a long job's events are folded into state and which reads they make stale. */
export interface BatchedJobOptions<State, Action> {
  initial: State;
  reduce: (state: State, actions: readonly Action[]) => State;
  /** Actions applied at once (a job starting or ending); the rest wait for the next batch. */
  isUrgent: (action: Action) => boolean;
  /** How often buffered actions are applied: often enough to feel live, rarely enough to stay cheap. */
  flushMs: number;
  /** The least time between two refreshes of `liveReads` while results keep arriving. */
  refreshMs: number;
  liveReads: readonly ChannelName[];
}

/**
 * Follows a long job's push events (scans, collection runs): buffers them, applies them in
 * batches, and refreshes the reads the job changes at most every `refreshMs`.
 */
export function useBatchedJobState<State, Action>(options: BatchedJobOptions<State, Action>) {
  const { initial, reduce, isUrgent, flushMs, refreshMs, liveReads } = options;
  const [state, setState] = useState<State>(initial);
  const buffer = useRef<Action[]>([]);
  const flushTimer = useRef<number | null>(null);
  const refreshTimer = useRef<number | null>(null);
  const lastRefresh = useRef(0);
  const invalidate = useInvalidate();

  const flush = useCallback(() => {
    flushTimer.current = null;
    const actions = buffer.current;
    buffer.current = [];
    setState((current) => reduce(current, actions));
  }, [reduce]);

  const record = useCallback(
    (action: Action) => {
      buffer.current.push(action);
      if (isUrgent(action)) flush();
      else flushTimer.current ??= window.setTimeout(flush, flushMs);
    },
    [flush, isUrgent, flushMs],
  );

  const refreshSoon = useCallback(() => {
    const wait = Math.max(0, lastRefresh.current + refreshMs - Date.now());
    refreshTimer.current ??= window.setTimeout(() => {
      refreshTimer.current = null;
      lastRefresh.current = Date.now();
      invalidate([...liveReads]);
    }, wait);
  }, [invalidate, liveReads, refreshMs]);

  useEffect(
    () => () => {
      if (flushTimer.current !== null) window.clearTimeout(flushTimer.current);
      if (refreshTimer.current !== null) window.clearTimeout(refreshTimer.current);
    },
    [],
  );

  return { state, record, refreshSoon, invalidate };
}
