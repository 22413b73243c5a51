import { useCallback, useEffect, useRef, useState } from 'react';
import type { ChannelName } from '../../../../shared/contract';
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

/** Builds and signs a pack into the pack library (the first export creates the signing key). */
export function useExportPack() {
  return useApiMutation('evidence:export', ['evidence:packs', 'evidence:installationFingerprint']);
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
