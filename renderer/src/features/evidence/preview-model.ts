/**
 * The pack preview as the admin reads it: headline numbers as tiles (in the tones the report
 * itself will make an auditor feel), and each warning with the screen where it is fixed.
 */
import type { EvidencePreview } from '../../../../shared/contract/evidence';
import { measuredPhrase } from '../../../../shared/domain/coverage';
import { formatCount, plural } from '../../lib/format';
import type { Route } from '../shell/route';
import { formatPatchedShare, formatShare } from './pack-format';

/** One headline number of the preview. */
export interface HeadlineTile {
  key: string;
  label: string;
  value: string;
  hint: string;
  tone: 'neutral' | 'success' | 'warning' | 'danger';
}

/** The share tone: full marks are good, below 80% needs a look, nothing measured is neutral. */
function shareTone(share: number | null): HeadlineTile['tone'] {
  if (share === null) return 'neutral';
  if (share >= 0.995) return 'success';
  return share >= 0.8 ? 'neutral' : 'warning';
}

/** The preview's headline numbers, as the report's summary page will state them: coverage first, patched shares of measured assets only. */
export function headlineTiles(summary: EvidencePreview['summary']): HeadlineTile[] {
  const ofMeasured = measuredPhrase(summary.assetsMeasured, summary.assetsInScope);
  const eol = summary.unsupportedOs;
  return [
    {
      key: 'coverage',
      label: 'Coverage',
      value: formatShare(summary.coverageShare),
      hint: `${formatCount(summary.assetsMeasured)} of ${plural(summary.assetsInScope, 'asset')} measured`,
      tone: summary.assetsInScope === 0 ? 'neutral' : summary.assetsMeasured < summary.assetsInScope ? 'warning' : 'success',
    },
    { key: 'fully-patched', label: 'Fully patched', value: formatPatchedShare(summary.fullyPatchedShare), hint: `${formatCount(summary.fullyPatched)} ${ofMeasured}`, tone: shareTone(summary.fullyPatchedShare) },
    { key: 'security-patched', label: 'Security patched', value: formatPatchedShare(summary.securityPatchedShare), hint: `${formatCount(summary.securityPatched)} ${ofMeasured}`, tone: shareTone(summary.securityPatchedShare) },
    { key: 'within-sla', label: 'Fixed within SLA', value: formatShare(summary.withinSlaShare), hint: 'missing fixes still inside their deadline', tone: shareTone(summary.withinSlaShare) },
    { key: 'overdue', label: 'Overdue fixes', value: formatCount(summary.overdue), hint: 'past their deadline, no exception', tone: summary.overdue > 0 ? 'danger' : 'success' },
    {
      key: 'exceptions',
      label: 'Active exceptions',
      value: formatCount(summary.exceptionsActive),
      hint: summary.exceptionsExpired > 0 ? `${plural(summary.exceptionsExpired, 'expired exception')} too` : 'accepted risks with an owner',
      tone: summary.exceptionsExpired > 0 ? 'warning' : 'neutral',
    },
    {
      key: 'gaps',
      label: 'Coverage gaps · EOL',
      value: `${formatCount(summary.coverageGaps)} · ${formatCount(eol)}`,
      hint: 'not measured · past end of support',
      tone: summary.coverageGaps + eol > 0 ? 'warning' : 'success',
    },
  ];
}

/** Where a warning is fixed: a screen, or the branding settings of this step. */
export interface WarningFix {
  label: string;
  route: Route;
}

/**
 * The screen that fixes a preview warning. The host words its warnings for people, so they are
 * matched by their subject; a warning this does not know simply has no link.
 */
export function warningFix(warning: string): WarningFix | null {
  const text = warning.toLowerCase();
  if (text.includes('branding')) return { label: 'Set branding', route: { screen: 'evidence', tab: 'settings' } };
  if (text.includes('exception')) return { label: 'Open exceptions', route: { screen: 'exceptions', tab: 'open' } };
  if (text.includes('no assets') || text.includes('inventory')) return { label: 'Open inventory', route: { screen: 'inventory', view: 'active' } };
  if (text.includes('collect')) return { label: 'Open patch status', route: { screen: 'status', tab: 'overview' } };
  if (text.includes('patch cycle') || text.includes('checklist')) return { label: 'Open checklist', route: { screen: 'checklist', view: 'cycles' } };
  return null;
}

/** The files of the pack grouped as the admin thinks of them: the report, data, attachments, signature. */
export function groupPackFiles(files: readonly string[]): { title: string; files: string[] }[] {
  const groups: { title: string; test: (path: string) => boolean }[] = [
    { title: 'Report', test: (path) => path.endsWith('.pdf') },
    { title: 'Checklist attachments', test: (path) => path.startsWith('checklist-evidence/') },
    { title: 'Data (CSV and JSON)', test: (path) => /\.(csv|json)$/i.test(path) && path !== 'manifest.json' },
    { title: 'Signature and instructions', test: () => true },
  ];
  const result = groups.map((group) => ({ title: group.title, files: [] as string[] }));
  for (const file of files) {
    const index = groups.findIndex((group) => group.test(file));
    result[index]?.files.push(file);
  }
  return result.filter((group) => group.files.length > 0);
}
