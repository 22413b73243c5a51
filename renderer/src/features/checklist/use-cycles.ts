import type { ChannelName } from '../../../../shared/contract';
import { useApiMutation } from '../../api/use-api-mutation';
import { useApiQuery } from '../../api/use-api-query';

/** Every read that changes when a cycle or its checklist changes (the rail reads the list too). */
export const CYCLE_READS: ChannelName[] = ['cycles:list', 'cycles:get', 'cycles:late', 'compliance:summary', 'evidence:preview'];
/** Reads that change with the site's cycle settings (open cycles keep theirs; the list shows anchors). */
export const SETTINGS_READS: ChannelName[] = ['cycles:settings', 'cycles:list'];

/** A site's cycles, newest first, with progress. */
export function useCycles(siteId: number) {
  return useApiQuery('cycles:list', { siteId });
}

/** One cycle with its checklist, scope and collections; `null` waits. */
export function useCycle(cycleId: number | null) {
  return useApiQuery('cycles:get', cycleId === null ? null : { cycleId });
}

/** Late items across the site's open cycles. */
export function useLateItems(siteId: number) {
  return useApiQuery('cycles:late', { siteId });
}

/** The site's anchor, cadences and coming anchor days. */
export function useCycleSettings(siteId: number) {
  return useApiQuery('cycles:settings', { siteId });
}

/** Opens a month's baseline cycle. */
export function useOpenBaseline() {
  return useApiMutation('cycles:openBaseline', CYCLE_READS);
}

/** Opens an emergency cycle. */
export function useOpenEmergency() {
  return useApiMutation('cycles:openEmergency', CYCLE_READS);
}

/** Marks an item done or not applicable. */
export function useTick() {
  return useApiMutation('cycles:tick', CYCLE_READS);
}

/** Sets a ticked item back to pending with a reason. */
export function useReopenItem() {
  return useApiMutation('cycles:reopenItem', CYCLE_READS);
}

/** Closes a cycle. */
export function useCloseCycle() {
  return useApiMutation('cycles:close', CYCLE_READS);
}

/** Saves the anchor and cadences. */
export function useUpdateSettings() {
  return useApiMutation('cycles:updateSettings', SETTINGS_READS);
}

/** A site's checklist template for a kind of cycle. */
export function useTemplate(siteId: number, kind: 'baseline' | 'emergency') {
  return useApiQuery('cycles:template', { siteId, kind });
}

/** Replaces a template (null items: back to the built-in one). */
export function useUpdateTemplate() {
  return useApiMutation('cycles:updateTemplate', ['cycles:template']);
}

/** Every active asset with its ring. */
export function useRings(siteId: number) {
  return useApiQuery('cycles:rings', { siteId });
}

/** Assigns assets to a ring; scopes of open cycles show rings, so they are read again. */
export function useSetRings() {
  return useApiMutation('cycles:setRings', ['cycles:rings', 'cycles:get', 'cycles:windows']);
}

/** A site's maintenance windows with their next occurrences. */
export function useWindows(siteId: number) {
  return useApiQuery('cycles:windows', { siteId });
}

/** Replaces the site's maintenance windows. */
export function useSetWindows() {
  return useApiMutation('cycles:setWindows', ['cycles:windows']);
}
