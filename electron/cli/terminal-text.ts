/**
 * The one sanitiser for text the CLI prints. Hostnames, package names, banners and error text come
 * from hosts and files Patchdesk does not control; raw, an escape sequence in them could recolour
 * or clear the terminal, set its title, rewrite what was printed before (CR, backspace), or a
 * bidi override could make a name read as another. Each such character is printed as a visible
 * `\uXXXX` escape instead: nothing is hidden, and inside JSON output that is the same string.
 */

// C0 controls except tab and line feed, DEL, C1 controls (U+009B is a one-character CSI), the
// bidi embeddings, overrides, isolates and marks, and the Unicode line and paragraph separators.
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/g;

/** `text` with every terminal control character shown as a `\uXXXX` escape. */
export function forTerminal(text: string): string {
  return text.replace(UNSAFE, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
