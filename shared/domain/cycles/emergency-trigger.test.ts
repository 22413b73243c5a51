import { describe, expect, it } from 'vitest';
import { parseEmergencyTrigger } from './emergency-trigger';

describe('emergency triggers', () => {
  it('recognises CVEs, KBs and advisories, normalising how they were typed', () => {
    expect(parseEmergencyTrigger(' cve-2026-12345 ')).toEqual({ kind: 'cve', ref: 'CVE-2026-12345' });
    expect(parseEmergencyTrigger('kb5034441')).toEqual({ kind: 'kb', ref: 'KB5034441' });
    expect(parseEmergencyTrigger('5034441')).toEqual({ kind: 'kb', ref: 'KB5034441' });
    expect(parseEmergencyTrigger('RHSA-2026:1234')).toEqual({ kind: 'advisory', ref: 'RHSA-2026:1234' });
    expect(parseEmergencyTrigger('cisco-sa-iosxe-webui-privesc-j22SaA4z')).toEqual({ kind: 'advisory', ref: 'cisco-sa-iosxe-webui-privesc-j22SaA4z' });
    expect(parseEmergencyTrigger('CVE-26-1')).toEqual({ kind: 'advisory', ref: 'CVE-26-1' });
    expect(parseEmergencyTrigger('two words')).toBeNull();
    expect(parseEmergencyTrigger('')).toBeNull();
  });
});
