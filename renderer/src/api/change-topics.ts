import type { ChangeTopic, ChannelName } from '../../../shared/contract';

/**
 * The reads a change of each topic can make stale. Generous on purpose: only reads a screen is
 * showing are fetched again, the others just wait for their next use, so an extra channel here
 * costs little and a missing one leaves a screen wrong. Figures built from several topics
 * (fleet status, compliance, the evidence preview) are listed under each of them.
 */
export const READS_BY_TOPIC: Record<ChangeTopic, readonly ChannelName[]> = {
  sites: ['sites:list', 'status:fleet', 'status:asset', 'compliance:summary', 'compliance:report', 'evidence:defaultPeriod', 'evidence:preview', 'cycles:list', 'cycles:get', 'cycles:late', 'cycles:windows', 'triage:run', 'triage:site', 'triage:asset'],
  policy: ['policy:get', 'assets:list', 'status:fleet', 'status:asset', 'compliance:summary', 'compliance:report', 'evidence:preview', 'triage:run', 'triage:site', 'triage:asset'],
  assets: [
    'assets:list',
    'assets:get',
    'assets:history',
    'sites:list',
    'status:fleet',
    'status:asset',
    'hostkeys:list',
    'exceptions:list',
    'credentials:list',
    'compliance:summary',
    'compliance:report',
    'evidence:preview',
    'cycles:list',
    'cycles:get',
    'cycles:rings',
    'triage:run',
    'triage:site',
    'triage:asset',
  ],
  scans: ['scan:list', 'sites:list'],
  'patch-status': [
    'status:fleet',
    'status:asset',
    'collect:list',
    'hostkeys:list',
    'assets:history',
    'credentials:list',
    'credentials:uses',
    'compliance:summary',
    'compliance:report',
    'evidence:preview',
    'cycles:list',
    'cycles:get',
    'cycles:late',
    'triage:run',
    'triage:site',
    'triage:asset',
  ],
  credentials: ['vault:status', 'credentials:list', 'credentials:uses', 'status:fleet'],
  exceptions: ['exceptions:list', 'status:fleet', 'status:asset', 'compliance:summary', 'compliance:report', 'evidence:preview', 'triage:run', 'triage:site', 'triage:asset'],
  cycles: ['cycles:list', 'cycles:get', 'cycles:late', 'cycles:settings', 'cycles:template', 'cycles:rings', 'cycles:windows', 'compliance:summary', 'compliance:report', 'evidence:preview'],
  evidence: ['evidence:packs', 'evidence:branding', 'evidence:signingKey', 'evidence:preview'],
  rollouts: ['rollouts:list', 'rollouts:get'],
  jobs: ['jobs:list', 'jobs:get'],
  // Feeds imported or CVE links remapped (a cve-mapping job's batch): the triage reads and the
  // KEV-based SLA figures change with them.
  intel: ['intel:status', 'intel:cve', 'triage:run', 'triage:site', 'triage:asset', 'status:fleet', 'status:asset', 'compliance:summary', 'compliance:report'],
};
