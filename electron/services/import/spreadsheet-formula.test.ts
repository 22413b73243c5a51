import { describe, expect, it } from 'vitest';
import { neutraliseFormula, restoreFormula } from './spreadsheet-formula';

describe('spreadsheet formula neutralising', () => {
  it.each(['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx'])('prefixes %j and restores it', (cell) => {
    expect(neutraliseFormula(cell)).toBe(`'${cell}`);
    expect(restoreFormula(neutraliseFormula(cell))).toBe(cell);
  });

  it('leaves ordinary cells alone both ways', () => {
    for (const cell of ['web01', '', "'quoted", "it's", '10.0.0.1', ' =not first']) {
      expect(neutraliseFormula(cell)).toBe(cell);
      expect(restoreFormula(cell)).toBe(cell);
    }
  });
});
