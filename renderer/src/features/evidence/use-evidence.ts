import { useCallback, useEffect, useRef, useState } from 'react';
import { EvidenceExportJobProgress, isActiveJobState, type ChannelName } from '../../../../shared/contract';
import { EvidencePackRecord, type EvidenceExportPhase } from '../../../../shared/contract/evidence';
import { useApiContext } from '../../api/api-context';
import { useApiMutation } from '../../api/use-api-mutation';
import { useApiQuery } from '../../api/use-api-query';
import { downloadFile } from '../../lib/download-file';
import { useLiveJobs } from '../jobs/use-live-jobs';
import { base64ToBytes } from './base64';
import type { DayRange } from './evidence-period';

/** The job kind of evidence exports (electron/services/evidence/evidence-export-jobs.service.ts). */
const EVIDENCE_EXPORT_KIND = 'evidence-export';

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

/**
 * Builds and signs a pack into the pack library as a job (the first export creates the signing
 * key): `start` resolves once the job runs, progress arrives as `job:progress` events, `onDone`
 * gets the recorded pack. A window that opens or reloads while an export of the site runs (in any
 * process) follows it again. `cancel` stops it; a cancelled export writes nothing.
 */
export function useExportPack(siteId: number, onDone: (record: EvidencePackRecord) => void) {
  const { client, cache } = useApiContext();
  const { jobs, active, cancel: cancelJob } = useLiveJobs({ siteId, kind: EVIDENCE_EXPORT_KIND });
  const [startedId, setStartedId] = useState<string | null>(null);
  const [local, setLocal] = useState<{ starting: boolean; error: unknown; cancelling: boolean }>({ starting: false, error: undefined, cancelling: false });
  const handled = useRef(new Set<string>());
  const done = useRef(onDone);
  done.current = onDone;

  // The export this window started, or one already running when it opened.
  const followedId = startedId ?? active.at(-1)?.id ?? null;
  const job = followedId === null ? undefined : jobs[followedId];

  useEffect(() => {
    if (!job || isActiveJobState(job.state) || handled.current.has(job.id)) return;
    handled.current.add(job.id);
    setStartedId(null);
    if (job.state === 'succeeded') {
      cache.invalidate(['evidence:packs', 'evidence:installationFingerprint']);
      const pack = EvidencePackRecord.safeParse(job.result);
      if (pack.success) done.current(pack.data);
    }
    setLocal({ starting: false, cancelling: false, error: job.state === 'failed' || job.state === 'interrupted' ? new Error(job.error || 'the export stopped') : undefined });
  }, [job, cache]);

  const start = useCallback(
    async (request: { siteId: number; from: string; to: string }) => {
      setLocal({ starting: true, error: undefined, cancelling: false });
      try {
        const started = await client.invoke('evidence:export', request);
        setStartedId(started.jobId);
        setLocal((previous) => ({ ...previous, starting: false }));
      } catch (caught) {
        setLocal({ starting: false, error: caught, cancelling: false });
      }
    },
    [client],
  );

  const cancel = useCallback(async () => {
    if (followedId === null) return;
    setLocal((previous) => ({ ...previous, cancelling: true }));
    await cancelJob(followedId);
  }, [cancelJob, followedId]);

  const progress = EvidenceExportJobProgress.safeParse(job?.progress);
  const running = local.starting || (job !== undefined && isActiveJobState(job.state) && !handled.current.has(job.id));
  const state: ExportJobState = {
    running,
    phase: running ? (progress.success ? progress.data.phase : 'reading') : null,
    fraction: running && progress.success ? progress.data.fraction : 0,
    error: local.error,
    cancelling: running && local.cancelling,
  };
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
