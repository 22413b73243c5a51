import { describe, expect, it } from 'vitest';
import { entryNameProblem } from '../pack/entry-name';
import { checklistEvidencePath } from './checklist-evidence-files';

const SHA = 'ab'.repeat(32);

describe('checklistEvidencePath', () => {
  it('keeps safe names and prefixes the hash', () => {
    expect(checklistEvidencePath(SHA, 'wsus-report.pdf')).toBe('checklist-evidence/abababababab-wsus-report.pdf');
  });

  it('turns hostile or odd names into a valid pack entry', () => {
    for (const name of ['../../etc/passwd', 'C:\\x.txt', 'Prüfbericht März.pdf', '', '...']) {
      const path = checklistEvidencePath(SHA, name);
      expect(entryNameProblem(path)).toBeNull();
      expect(path.startsWith('checklist-evidence/abababababab-')).toBe(true);
    }
  });
});
