/**
 * The fonts the evidence PDF uses and the access rules around them. pdfmake can fetch URLs and
 * read any local path named in a document; a report must never do either, so remote access is
 * refused outright and local reads are limited to the font folder.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import type { TFontDictionary } from 'pdfmake/interfaces';
import { FONT } from './styles';

/**
 * The Roboto folder shipped inside the pdfmake package. Resolved through Node's module lookup
 * so it works from the source tree, the CLI and a packaged app that ships node_modules.
 */
export function bundledFontDirectory(): string {
  // import.meta.url is empty once bundled to CommonJS; __filename is the bundle's own path then.
  const from = typeof import.meta.url === 'string' ? import.meta.url : typeof __filename === 'string' ? __filename : path.join(process.cwd(), 'index.js');
  const require = createRequire(from);
  return path.join(path.dirname(require.resolve('pdfmake/package.json')), 'fonts', 'Roboto');
}

/** The Roboto family as pdfmake wants it: regular, medium for bold, and the italics. */
export function robotoFonts(directory: string): TFontDictionary {
  const file = (name: string): string => path.join(directory, name);
  return {
    [FONT]: {
      normal: file('Roboto-Regular.ttf'),
      bold: file('Roboto-Medium.ttf'),
      italics: file('Roboto-Italic.ttf'),
      bolditalics: file('Roboto-MediumItalic.ttf'),
    },
  };
}

/** Whether `file` lies inside `directory` (after resolving `..`), the only local reads a report may make. */
export function isInsideDirectory(file: string, directory: string): boolean {
  const relative = path.relative(path.resolve(directory), path.resolve(file));
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}
