import { useCallback, useEffect, useRef, useState } from 'react';
import type { ChannelName, EventOf } from '../../../../shared/contract';
import type { EvidenceExportPhase, EvidencePackRecord } from '../../../../shared/contract/evidence';
import { useApiEvent } from '../../api/use-api-event';
import { useApiContext } from '../../api/api-context';
import { useApiMutation } from '../../api/use-api-mutation';
import { useApiQuery } from '../../api/use-api-query';
import { downloadFile } from '../../lib/download-file';
import { base64ToBytes } from './base64';
import type { DayRange } from './evidence-period';

/** Reads that change when branding is saved (the preview names the MSP and says whether a logo is set). */
const BRANDING_READS: ChannelName[] = ['evidence:branding', 'evidence:preview'];

/** The host's default period for a pack (the previous calendar month in the site's time zone). */
export function useDefaultPeriod(siteId: number) {
  return useApiQuery('evidence:defaultPeriod', { siteId });
}

/**
 * The preview of a pack for a period; `null` waits (no valid period yet). It is read again when
 * the screen opens, because fixes made elsewhere (a renewed exception, a new collection) change it.
 */
export function useEvidencePreview(siteId: number, range: DayRange | null) {
  const query = useApiQuery('evidence:preview', range ? { siteId, from: range.from, to: range.to } : null);
  const { refetch } = query;
  const refreshed = useRef(false);
  useEffect(() => {
    if (refreshed.current || !range) return;
    refreshed.current = true;
    void refetch();
  }, [range, refetch]);
  return query;
}

/** The packs exported for a site, newest first. */
export function useEvidencePacks(siteId: number) {
  return useApiQuery('evidence:packs', { siteId });
}

/** Where a running export is, as its progress events say. */
export interface ExportJobState {
  running: boolean;
  phase: EvidenceExportPhase | null;
  /** Share of the whole export done, 0-1. */
  fraction: number;
  error: unknown;
  cancelling: boolean;
}

const IDLE: ExportJobState = { running: false, phase: null, fraction: 0, error: undefined, cancelling: false };

/**
 * Builds and signs a pack into the pack library as a long job (the first export creates the
 * signing key): `start` resolves once the job runs, progress arrives as events, `onDone` gets the
 * recorded pack. `cancel` stops it; a cancelled export writes nothing.
 */
export function useExportPack(onDone: (record: EvidencePackRecord) => void) {
  const { client, cache } = useApiContext();
  const [state, setState] = useState<ExportJobState>(IDLE);
  const jobId = useRef<string | null>(null);
  // Events that arrive before `evidence:export` has answered with the job id wait here.
  const early = useRef(new Map<string, EventOf<'evidence:finished'>>());
  const done = useRef(onDone);
  done.current = onDone;

  const finish = useCallback(
    (event: EventOf<'evidence:finished'>) => {
      jobId.current = null;
      if (event.status === 'completed') cache.invalidate(['evidence:packs', 'evidence:installationFingerprint']);
      setState(event.status === 'failed' ? { ...IDLE, error: new Error(event.error) } : IDLE);
      if (event.status === 'completed' && event.pack) done.current(event.pack);
    },
    [cache],
  );

  useApiEvent('evidence:progress', (event) => {
    if (event.jobId === jobId.current) setState((previous) => ({ ...previous, phase: event.phase, fraction: event.fraction }));
  });
  useApiEvent('evidence:finished', (event) => {
    if (event.jobId === jobId.current) finish(event);
    else early.current.set(event.jobId, event);
  });

  const start = useCallback(
    async (request: { siteId: number; from: string; to: string }) => {
      setState({ ...IDLE, running: true, phase: 'reading' });
      try {
        const started = await client.invoke('evidence:export', request);
        jobId.current = started.jobId;
        const finished = early.current.get(started.jobId);
        early.current.clear();
        if (finished) finish(finished);
      } catch (caught) {
        setState({ ...IDLE, error: caught });
      }
    },
    [client, finish],
  );

  const cancel = useCallback(async () => {
    const id = jobId.current;
    if (id === null) return;
    setState((previous) => ({ ...previous, cancelling: true }));
    await client.invoke('evidence:cancel', { jobId: id });
  }, [client]);

  return { ...state, start, cancel };
}

/** Checks a pack's bytes. */
export function useVerifyPack() {
  return useApiMutation('evidence:verify');
}

/** The keys besides this installation's whose packs verify here. */
export function useTrustedSigners() {
  return useApiQuery('evidence:trustedSigners', {});
}

/** Trusts a key by its fingerprint, under a name. */
export function useTrustSigner() {
  return useApiMutation('evidence:trustSigner', ['evidence:trustedSigners']);
}

/** Stops trusting a key. */
export function useUntrustSigner() {
  return useApiMutation('evidence:untrustSigner', ['evidence:trustedSigners']);
}

/** The MSP branding printed on reports. */
export function useBranding() {
  return useApiQuery('evidence:branding', {});
}

/** Replaces the branding. */
export function useSetBranding() {
  return useApiMutation('evidence:setBranding', BRANDING_READS);
}

/** The installation's signing key, public half (created on first use); `enabled: false` waits. */
export function useSigningKey(enabled = true) {
  return useApiQuery('evidence:signingKey', enabled ? {} : null);
}

/** This installation's fingerprint, or null while it has no key; never creates one (verifying must not). */
export function useInstallationFingerprint() {
  return useApiQuery('evidence:installationFingerprint', {});
}

/**
 * Downloads an exported pack: asks the host for its bytes and saves them as a `.zip`. `pendingId`
 * says which pack is on its way, so only its button shows it.
 */
export function usePackDownload() {
  const { client } = useApiContext();
  const [pendingId, setPendingId] = useState<number | null>(null);
  const download = useCallback(
    async (id: number) => {
      setPendingId(id);
      try {
        const file = await client.invoke('evidence:download', { id });
        downloadFile(file.fileName, file.mimeType, base64ToBytes(file.base64));
        return file.fileName;
      } finally {
        setPendingId(null);
      }
    },
    [client],
  );
  return { download, pendingId };
}

/** A value that follows `value` once it has stopped changing for `delayMs` (typed dates fire per keystroke). */
export function useDebounced<T>(value: T, delayMs: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = window.setTimeout(() => setSettled(value), delayMs);
    return () => window.clearTimeout(timer);
  }, [value, delayMs]);
  return settled;
}
