import { describe, expect, it } from 'vitest';
import { addressTrack, withColumnWidth } from './address-track';

describe('addressTrack', () => {
  it('fits the longest address, never less than a full IPv4 address', () => {
    expect(addressTrack([])).toBe('calc(8.56em + 24px)');
    expect(addressTrack(['10.0.0.1'])).toBe('calc(8.56em + 24px)');
    expect(addressTrack(['10.0.0.1', '2001:0db8:85a3:0000:0000:8a2e:0370:7334'])).toBe('calc(22.25em + 24px)');
  });

  it('replaces only the named column', () => {
    const columns = [
      { id: 'a', header: 'A', width: '1fr', render: () => null },
      { id: 'b', header: 'B', width: '2fr', render: () => null },
    ];
    expect(withColumnWidth(columns, 'b', '10px').map((column) => column.width)).toEqual(['1fr', '10px']);
  });
});
