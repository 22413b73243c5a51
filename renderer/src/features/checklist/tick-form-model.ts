/**
 * The forms that record checklist work as plain data: marking an item done or not applicable,
 * reopening it, and closing the cycle. Each checks what the host checks (so most refusals come
 * before a round trip) and builds the request; the host's own refusals are mapped back to fields.
 */
import type { ChecklistEvidenceInput, TickRequest } from '../../../../shared/contract';
import type { ChecklistItemKind } from '../../../../shared/domain/cycles/checklist-template';
import type { ApiIssue } from '../../api/api-client-error';
import { localInstant, parseDay, isTime } from './checklist-dates';
import { linkProblem } from './evidence-format';

/** The most pieces of evidence one tick may carry (the contract's limit). */
export const MAX_EVIDENCE_PER_TICK = 10;

/** A file read in the browser, ready to send. */
export interface EvidenceFileDraft {
  name: string;
  size: number;
  contentBase64: string;
}

/** What the mark-done and not-applicable dialogs hold. */
export interface TickFormValues {
  /** The note, or the not-applicable reason. */
  note: string;
  link: string;
  linkName: string;
  files: EvidenceFileDraft[];
  /** Who did the work; empty: the current user. */
  doneBy: string;
  /** When the work was done, in the site's time zone; both empty: now. */
  doneDay: string;
  doneTime: string;
}

/** The fields the tick form can flag; `form` holds what belongs to none. */
export type TickField = 'note' | 'link' | 'files' | 'doneBy' | 'doneAt' | 'form';

/** Per-field messages. */
export type TickErrors = Partial<Record<TickField, string>>;

/** A fresh tick form. */
export function emptyTickForm(): TickFormValues {
  return { note: '', link: '', linkName: '', files: [], doneBy: '', doneDay: '', doneTime: '' };
}

/** What the form is checked against. */
export interface TickContext {
  cycleId: number;
  key: string;
  mode: 'done' | 'not_applicable';
  itemKind: ChecklistItemKind;
  timeZone: string;
  nowMs: number;
  /** Hosts collected during the cycle (the verification rescan's proof). */
  hostsCollected: number;
}

/** Whether the verification rescan would be refused for lack of proof with these values. */
export function rescanNeedsProof(values: Pick<TickFormValues, 'link' | 'files'>, context: Pick<TickContext, 'mode' | 'itemKind' | 'hostsCollected'>): boolean {
  return context.mode === 'done' && context.itemKind === 'rescan' && context.hostsCollected === 0 && values.link.trim() === '' && values.files.length === 0;
}

/** The request for a tick, or the messages that stop it. */
export function buildTickRequest(values: TickFormValues, context: TickContext): { ok: true; request: TickRequest } | { ok: false; errors: TickErrors } {
  const errors: TickErrors = {};
  const note = values.note.trim();
  if (context.mode === 'not_applicable' && note === '') errors.note = 'Say why the item does not apply.';
  if (note.length > 4000) errors.note = 'At most 4000 characters.';

  const evidence: ChecklistEvidenceInput[] = [];
  if (values.link.trim() !== '') {
    const problem = linkProblem(values.link);
    if (problem) errors.link = problem;
    else evidence.push({ kind: 'link', url: values.link.trim(), name: values.linkName.trim().slice(0, 200) });
  }
  for (const file of values.files) evidence.push({ kind: 'file', name: file.name, contentBase64: file.contentBase64 });
  if (evidence.length > MAX_EVIDENCE_PER_TICK) errors.files = `At most ${MAX_EVIDENCE_PER_TICK} pieces of evidence per tick.`;
  if (!errors.link && rescanNeedsProof(values, context)) {
    errors.link = 'No host was collected during this cycle: attach a link or a file that shows the verification, or collect patch status first.';
  }

  const doneBy = values.doneBy.trim();
  if (doneBy.length > 200) errors.doneBy = 'At most 200 characters.';

  let doneAt: string | undefined;
  const day = values.doneDay.trim();
  const time = values.doneTime.trim();
  if (day !== '' || time !== '') {
    if (day === '' || time === '') errors.doneAt = 'Give both the day and the time, or leave both empty for now.';
    else if (!parseDay(day)) errors.doneAt = 'Enter the day as YYYY-MM-DD.';
    else if (!isTime(time)) errors.doneAt = 'Enter the time as HH:MM (24-hour).';
    else {
      doneAt = localInstant(day, time, context.timeZone) ?? undefined;
      if (doneAt && Date.parse(doneAt) > context.nowMs) errors.doneAt = 'The work cannot have been done in the future.';
    }
  }

  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    request: {
      cycleId: context.cycleId,
      key: context.key,
      state: context.mode,
      note,
      evidence,
      ...(doneBy ? { doneBy } : {}),
      ...(doneAt ? { doneAt } : {}),
    },
  };
}

/** The host's field issues (`note`, `evidence.0.url`, `doneAt`) as the form's fields. */
export function tickErrorsFromIssues(issues: readonly ApiIssue[]): TickErrors {
  const errors: TickErrors = {};
  for (const issue of issues) {
    const head = issue.path.split('.')[0] ?? '';
    const field: TickField = head === 'note' ? 'note' : head === 'doneBy' ? 'doneBy' : head === 'doneAt' ? 'doneAt' : head === 'evidence' ? (issue.path.includes('url') ? 'link' : 'files') : 'form';
    errors[field] ??= issue.message;
  }
  return errors;
}

/** The reopen request, or why it cannot be sent. */
export function buildReopenRequest(cycleId: number, key: string, reason: string): { ok: true; request: { cycleId: number; key: string; reason: string } } | { ok: false; error: string } {
  const text = reason.trim();
  if (text === '') return { ok: false, error: 'Say why the item is reopened; the reason stays in its history.' };
  if (text.length > 1000) return { ok: false, error: 'At most 1000 characters.' };
  return { ok: true, request: { cycleId, key, reason: text } };
}

/** What closing a cycle needs: a note and an explicit confirmation while items are pending. */
export function buildCloseRequest(
  cycleId: number,
  note: string,
  pending: number,
  confirmed: boolean,
): { ok: true; request: { cycleId: number; note: string; force: boolean } } | { ok: false; errors: { note?: string; confirm?: string } } {
  const text = note.trim();
  const errors: { note?: string; confirm?: string } = {};
  if (text.length > 2000) errors.note = 'At most 2000 characters.';
  if (pending > 0) {
    if (!confirmed) errors.confirm = `Confirm that the cycle closes with ${pending} pending ${pending === 1 ? 'item' : 'items'}.`;
    if (text === '') errors.note = 'Say why the cycle closes with pending items; auditors read this.';
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, request: { cycleId, note: text, force: pending > 0 } };
}
