import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const STYLES_DIR = __dirname;

/** Where braces stop balancing: the line of the first extra `}`, or the depth left at the end. */
function braceProblem(css: string): string | null {
  let depth = 0;
  let line = 1;
  // Comments and strings may hold braces; neither is used that way here, but skip comments anyway.
  const text = css.replace(/\/\*[\s\S]*?\*\//g, (comment) => comment.replace(/[^\n]/g, ' '));
  for (const char of text) {
    if (char === '\n') line += 1;
    if (char === '{') depth += 1;
    if (char === '}') depth -= 1;
    if (depth < 0) return `an extra "}" on line ${line}`;
  }
  return depth === 0 ? null : `${depth} rule(s) never closed`;
}

describe('stylesheets', () => {
  // A rule left open (a merge that cut a rule in two) silently swallows every rule after it:
  // browsers do not report it and the build does not fail, so the screens just lose their styles.
  it('close every rule they open', () => {
    const problems = readdirSync(STYLES_DIR)
      .filter((name) => name.endsWith('.css'))
      .map((name) => [name, braceProblem(readFileSync(join(STYLES_DIR, name), 'utf8'))] as const)
      .filter(([, problem]) => problem !== null);
    expect(problems).toEqual([]);
  });
});
