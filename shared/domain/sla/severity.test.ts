import { describe, expect, it } from 'vitest';
import { SEVERITIES } from '../patch-policy';
import { CVSS_BANDS, SEVERITY_MAPPING, isSecurityFix, normaliseSeverity, type SeverityInput } from './severity';

describe('normaliseSeverity: vendor scales', () => {
  it.each([
    // source text         security  → severity    basis
    ['Critical', true, 'critical', 'source'], // MSRC
    ['Important', true, 'high', 'source'],
    ['Moderate', true, 'medium', 'source'],
    ['Low', true, 'low', 'source'],
    ['Critical/Sec.', null, 'critical', 'source'], // dnf updateinfo
    ['Important/Sec.', null, 'high', 'source'],
    ['Moderate/Sec.', null, 'medium', 'source'],
    ['Low/Sec.', null, 'low', 'source'],
    ['important / security', null, 'high', 'source'],
    ['emergency', true, 'critical', 'source'], // Debian changelog urgency
    ['high', true, 'high', 'source'], // Debian security tracker urgency
    ['medium', true, 'medium', 'source'],
    ['low', true, 'low', 'source'],
    ['unimportant', true, 'low', 'source'],
    ['negligible', true, 'low', 'source'], // Ubuntu priority
    ['  CRITICAL  ', true, 'critical', 'source'],
    ['None', true, 'low', 'source'], // CVSS qualitative
  ] as const)('%j (security %s) → %s', (severity, security, expected, basis) => {
    expect(normaliseSeverity({ severity, security })).toMatchObject({ severity: expected, basis });
  });

  it('keeps a vendor severity on a fix not flagged as security', () => {
    expect(normaliseSeverity({ severity: 'Important', security: false })).toEqual({ severity: 'high', basis: 'source', security: false });
  });
});

describe('normaliseSeverity: CVSS base scores', () => {
  it.each([
    [10, 'critical'],
    [9.0, 'critical'],
    [8.9, 'high'],
    [7.0, 'high'],
    [6.9, 'medium'],
    [4.0, 'medium'],
    [3.9, 'low'],
    [0, 'low'],
    ['9.8', 'critical'],
    ['7.5', 'high'],
    ['CVSS 5.3', 'medium'],
    ['CVSSv3: 7.2', 'high'],
    ['cvss base score 4', 'medium'],
  ] as const)('%j → %s', (severity, expected) => {
    expect(normaliseSeverity({ severity, security: true })).toMatchObject({ severity: expected, basis: 'cvss' });
  });

  it.each([11, -1, Number.NaN, '10.5', '99'])('treats the out-of-range score %j as unknown', (severity) => {
    expect(normaliseSeverity({ severity, security: true })).toMatchObject({ severity: 'high', basis: 'assumed_security' });
  });
});

describe('normaliseSeverity: unknown severities', () => {
  const cases: [string, SeverityInput, string, string][] = [
    ['a security fix without severity', { security: true }, 'high', 'assumed_security'],
    ['a security fix with an empty severity', { severity: '', security: true }, 'high', 'assumed_security'],
    ['Debian "not yet assigned"', { severity: 'not yet assigned', security: true }, 'high', 'assumed_security'],
    ['Ubuntu "untriaged"', { severity: 'untriaged', security: true }, 'high', 'assumed_security'],
    ['MSRC "Unspecified"', { severity: 'Unspecified', security: true }, 'high', 'assumed_security'],
    ['dnf "Unknown/Sec." (the suffix makes it security)', { severity: 'Unknown/Sec.', security: null }, 'high', 'assumed_security'],
    ['a bare "Sec."', { severity: 'Sec.', security: null }, 'high', 'assumed_security'],
    ['a non-security fix', { security: false }, 'low', 'assumed_other'],
    ['a dnf bugfix', { severity: 'bugfix', security: false }, 'low', 'assumed_other'],
    ['a fix the source cannot classify (yum without updateinfo)', { security: null }, 'low', 'assumed_other'],
    ['nothing at all', {}, 'low', 'assumed_other'],
  ];
  it.each(cases)('%s → %s (%s)', (_label, input, expected, basis) => {
    expect(normaliseSeverity(input)).toMatchObject({ severity: expected, basis });
  });
});

describe('isSecurityFix', () => {
  it.each([
    [{ security: true }, true],
    [{ security: false, severity: 'Important/Sec.' }, true],
    [{ security: null, severity: 'Important' }, false],
    [{ security: null }, false],
  ] as const)('%j → %s', (input, expected) => {
    expect(isSecurityFix(input)).toBe(expected);
  });
});

describe('the mapping table', () => {
  it('gives the same severity to a value wherever scales share it', () => {
    const seen = new Map<string, string>();
    for (const row of SEVERITY_MAPPING) {
      const key = row.value.toLowerCase();
      expect(seen.get(key) ?? row.severity, `${row.scale} ${row.value}`).toBe(row.severity);
      seen.set(key, row.severity);
    }
  });

  it('is what the normaliser applies, and covers every severity', () => {
    for (const row of SEVERITY_MAPPING) expect(normaliseSeverity({ severity: row.value }).severity).toBe(row.severity);
    expect(new Set(SEVERITY_MAPPING.map((r) => r.severity))).toEqual(new Set(SEVERITIES));
    expect(CVSS_BANDS.map((b) => b.severity)).toEqual([...SEVERITIES]);
  });
});
