import { describe, expect, it } from 'vitest';
import { osLabel } from './os-label';

describe('osLabel', () => {
  it('does not repeat a version the name already holds', () => {
    expect(osLabel('Debian GNU/Linux 12 (bookworm)', '12')).toBe('Debian GNU/Linux 12 (bookworm)');
    expect(osLabel('Ubuntu 22.04.5 LTS', '22.04')).toBe('Ubuntu 22.04.5 LTS');
    expect(osLabel('Windows 10 Pro', '10')).toBe('Windows 10 Pro');
  });

  it('adds a version the name lacks, even when it is part of another number', () => {
    expect(osLabel('Windows Server 2022', '21H2')).toBe('Windows Server 2022 21H2');
    expect(osLabel('Windows 11', '1')).toBe('Windows 11 1');
    expect(osLabel('RouterOS', '6.48.6')).toBe('RouterOS 6.48.6');
  });

  it('copes with empty parts and regular-expression characters', () => {
    expect(osLabel('', '')).toBe('');
    expect(osLabel('', '7.2')).toBe('7.2');
    expect(osLabel(' FreeBSD ', '')).toBe('FreeBSD');
    expect(osLabel('Foo (1.2+x)', '1.2+x')).toBe('Foo (1.2+x)');
  });
});
