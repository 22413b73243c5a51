import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundledFontDirectory, isInsideDirectory, robotoFonts } from './pdf-fonts';

describe('fonts', () => {
  it("finds pdfmake's Roboto files", () => {
    const directory = bundledFontDirectory();
    const family = robotoFonts(directory).Roboto;
    expect(family).toBeDefined();
    for (const file of [family?.normal, family?.bold, family?.italics, family?.bolditalics]) {
      expect(typeof file).toBe('string');
      expect(existsSync(file as string)).toBe(true);
    }
  });

  it('allows only files inside the font folder', () => {
    const directory = path.join(path.sep, 'opt', 'fonts');
    expect(isInsideDirectory(path.join(directory, 'Roboto-Regular.ttf'), directory)).toBe(true);
    expect(isInsideDirectory(path.join(directory, 'sub', 'x.ttf'), directory)).toBe(true);
    expect(isInsideDirectory(path.join(directory, '..', 'secrets.txt'), directory)).toBe(false);
    expect(isInsideDirectory(`${directory}-evil${path.sep}x.ttf`, directory)).toBe(false);
    expect(isInsideDirectory(directory, directory)).toBe(false);
    expect(isInsideDirectory(path.join(path.sep, 'etc', 'passwd'), directory)).toBe(false);
  });
});
