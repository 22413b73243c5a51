import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../import/csv-parser';
import type { EvidenceReport } from '../evidence-report';
import { emptyEvidenceReport, sampleEvidenceReport } from '../evidence-report.fixture';
import { evidenceDataFiles, SUMMARY_FORMAT } from './evidence-data-files';

const decoder = new TextDecoder();

function filesOf(report: EvidenceReport): Map<string, string> {
  return new Map(evidenceDataFiles(report).map((file) => [file.path, decoder.decode(file.bytes)]));
}

function rowsOf(csv: string): string[][] {
  const { rows, problems } = parseCsv(csv);
  expect(problems).toEqual([]);
  return rows.map((row) => row.cells);
}

describe('evidenceDataFiles', () => {
  it('writes summary.json and the six CSV files, in a fixed order', () => {
    expect(evidenceDataFiles(sampleEvidenceReport()).map((file) => file.path)).toEqual([
      'data/summary.json',
      'data/assets.csv',
      'data/coverage-gaps.csv',
      'data/unsupported-os.csv',
      'data/overdue.csv',
      'data/exceptions.csv',
      'data/checklist.csv',
      'data/rollouts.csv',
      'data/vulnerabilities.csv',
      'data/trend.csv',
      'data/audit-log.csv',
    ]);
  });

  it('puts the whole report in summary.json, the logo replaced by its type, size and hash', () => {
    const report = sampleEvidenceReport();
    const json = filesOf(report).get('data/summary.json') ?? '';
    expect(json.endsWith('}\n')).toBe(true);
    expect(json).not.toContain('\r');
    expect(json).not.toContain(report.branding.logo?.base64 ?? 'x');
    const parsed = JSON.parse(json) as Record<string, unknown> & EvidenceReport;
    const logoBytes = Buffer.from(report.branding.logo?.base64 ?? '', 'base64');
    expect(parsed.format).toBe(SUMMARY_FORMAT);
    expect(parsed.branding.logo).toEqual({ mimeType: 'image/png', size: logoBytes.length, sha256: createHash('sha256').update(logoBytes).digest('hex') });
    const { format: _format, ...rest } = parsed;
    expect({ ...rest, branding: { ...rest.branding, logo: report.branding.logo } }).toEqual(report);
    expect(json).toContain('"siteName": "Contoso Dental – Main office"');
  });

  it('writes CSV rows that match the report', () => {
    const report = sampleEvidenceReport();
    const files = filesOf(report);
    const assets = rowsOf(files.get('data/assets.csv') ?? '');
    expect(assets[0]).toEqual(['Hostname', 'IP Address', 'Operating System', 'Tier', 'Ring', 'Last Collection', 'Measured', 'Coverage Gap', 'Pending', 'Security Pending', 'Overdue', 'End Of Life', 'End Of Life OS Source']);
    expect(assets).toHaveLength(report.assets.length + 1);
    expect(assets.slice(1).reduce((sum, row) => sum + Number(row[8]), 0)).toBe(report.summary.missing.total);
    // Never collected successfully: not measured, and the counts are empty, not 0.
    expect(assets.find((row) => row[0] === 'LT-NEW-0415')).toEqual(['LT-NEW-0415', '10.20.30.19', 'Windows 11 Pro 24H2', '', '', '', 'no', 'last collection failed: No WinRM credential is mapped to this asset or its tags', '', '', '', 'no', '']);
    const gaps = filesOf(report).get('data/coverage-gaps.csv') ?? '';
    // The same rows, in the same order, as the PDF's coverage gaps.
    expect(gaps.split('\r\n').slice(1, -1).map((line) => line.split(',')[0])).toEqual(report.coverageGaps.map((gap) => gap.hostname));

    const overdue = rowsOf(files.get('data/overdue.csv') ?? '');
    expect(overdue).toHaveLength(report.summary.missing.overdue + 1);
    expect(overdue[1]?.slice(0, 2)).toEqual(['ptr-recep', '4']);
    expect(overdue[0]?.slice(6, 10)).toEqual(['First Seen', 'Clock Start', 'Clock Basis', 'Due Date']);
    const published = overdue.find((row) => row[3]?.includes('KB5046860'));
    expect(published?.[8]).toBe('published');
    expect(Date.parse(published?.[7] ?? '')).toBeLessThan(Date.parse(published?.[6] ?? ''));
    expect(overdue.find((row) => row[0] === 'ptr-recep')?.[8]).toBe('first_seen');

    const exceptions = rowsOf(files.get('data/exceptions.csv') ?? '');
    expect(exceptions.slice(1).map((row) => row[6])).toEqual(report.exceptions.map((row) => row.owner));

    const checklist = rowsOf(files.get('data/checklist.csv') ?? '');
    expect(checklist).toHaveLength(1 + report.cycles.reduce((sum, cycle) => sum + cycle.checklist.length, 0));
    expect(checklist[1]?.slice(0, 4)).toEqual(['15', 'emergency', report.cycles[0]?.title, 'CVE-2026-40321']);

    const trend = rowsOf(files.get('data/trend.csv') ?? '');
    expect(trend.at(-1)).toEqual(['2026-10', '40', '37', String(25 / 37), String(17 / 26), '9']);

    const audit = rowsOf(files.get('data/audit-log.csv') ?? '');
    expect(audit).toHaveLength(report.audit.entries.length + 1);
    expect(audit[0]?.slice(0, 4)).toEqual(['ID', 'At', 'Actor', 'Via']);
    expect(audit[1]?.[3]).toBe('not recorded');
    expect(audit[2]?.[3]).toBe('desktop');
  });

  it('neutralises formulas that came from hostile hosts', () => {
    const report = sampleEvidenceReport();
    const hostile = { ...report, assets: [{ ...report.assets[0]!, hostname: '=cmd|"/c calc"!A1' }] };
    expect(filesOf(hostile).get('data/assets.csv')).toContain(`"'=cmd|""/c calc""!A1"`);
  });

  it('is byte-identical for the same report, and for an empty one writes headers only', () => {
    const a = evidenceDataFiles(sampleEvidenceReport());
    const b = evidenceDataFiles(sampleEvidenceReport());
    expect(a.map((file) => Buffer.from(file.bytes).toString('hex'))).toEqual(b.map((file) => Buffer.from(file.bytes).toString('hex')));
    const empty = filesOf(emptyEvidenceReport());
    expect(rowsOf(empty.get('data/assets.csv') ?? '')).toHaveLength(1);
    expect((JSON.parse(empty.get('data/summary.json') ?? '{}') as EvidenceReport).branding.logo).toBeNull();
  });
});
