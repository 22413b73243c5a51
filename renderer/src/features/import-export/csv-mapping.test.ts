import { describe, expect, it } from 'vitest';
import { columnLabel, fieldsByColumn, mappingProblems, pruneMapping, setFieldColumn } from './csv-mapping';

describe('CSV mapping', () => {
  it('labels columns by header or position', () => {
    expect(columnLabel(['Name', ''], 0, true)).toBe('Name');
    expect(columnLabel(['Name', ''], 1, true)).toBe('Column 2');
    expect(columnLabel(['Name'], 0, false)).toBe('Column 1');
  });

  it('maps and unmaps fields', () => {
    const mapped = setFieldColumn({}, 'hostname', 2);
    expect(mapped).toEqual({ hostname: 2 });
    expect(setFieldColumn(mapped, 'hostname', null)).toEqual({});
  });

  it('groups fields by column and prunes missing columns', () => {
    expect(fieldsByColumn({ hostname: 0, notes: 0, owner: 3 })).toEqual(
      new Map([
        [0, ['hostname', 'notes']],
        [3, ['owner']],
      ]),
    );
    expect(pruneMapping({ hostname: 0, owner: 3 }, 2)).toEqual({ hostname: 0 });
  });

  it('blocks without a hostname or address column and warns on shared columns', () => {
    expect(mappingProblems({ owner: 1 }, ['a', 'b'], true).blocking).toHaveLength(1);
    const { blocking, warnings } = mappingProblems({ hostname: 0, notes: 0 }, ['Name'], true);
    expect(blocking).toEqual([]);
    expect(warnings).toEqual(['Name feeds Hostname and Notes.']);
  });
});
