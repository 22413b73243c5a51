/**
 * `patchdesk parse FORMAT FILE [--exit-code N] [--stderr FILE]` and `patchdesk parse --list`: what
 * Patchdesk reads from one captured command output, as JSON, for diagnosis and support. Needs no
 * database.
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { FORMAT_NAMES, PARSERS, type FormatName } from '../../services/collect/parsers/index';
import { CliError, usageError } from '../cli-error';

export const PARSE_USAGE = 'patchdesk parse FORMAT FILE [--exit-code N] [--stderr FILE]\npatchdesk parse --list';

/** Runs the parse command with plain output functions (it opens no database). */
export async function runParseCommand(args: string[], out: (line: string) => void): Promise<void> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { list: { type: 'boolean' }, 'exit-code': { type: 'string' }, stderr: { type: 'string' } } });
  if (values.list) {
    const width = Math.max(...FORMAT_NAMES.map((name) => name.length));
    for (const name of FORMAT_NAMES) out(`${name.padEnd(width)}  ${PARSERS[name].description}`);
    return;
  }
  const [format, file, ...extra] = positionals;
  if (!format || !file || extra.length > 0) throw usageError(`Usage:\n${PARSE_USAGE}`);
  if (!isFormatName(format)) throw usageError(`unknown format "${format}"; known formats: ${FORMAT_NAMES.join(', ')}`);
  const exitText = values['exit-code'];
  if (exitText !== undefined && !/^-?\d+$/.test(exitText)) throw usageError(`--exit-code must be a whole number (got "${exitText}")`);
  const stdout = await readText(file);
  const stderr = values.stderr ? await readText(values.stderr) : '';
  const result = PARSERS[format].parse({ stdout, stderr, ...(exitText !== undefined ? { exitCode: Number(exitText) } : {}) });
  if (!result.ok) throw new CliError(`${file}: cannot read it as ${format}: ${result.error}`, 2);
  out(JSON.stringify(result.value, null, 2));
}

function isFormatName(name: string): name is FormatName {
  return (FORMAT_NAMES as readonly string[]).includes(name);
}

async function readText(file: string): Promise<string> {
  return readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw usageError(`cannot read ${file}: ${error.code === 'ENOENT' ? 'no such file' : error.message}`);
  });
}
