/**
 * Reading secrets for the CLI: from a terminal prompt with echo off, or line by line from stdin
 * when it is piped (for automation). Secrets are never taken from arguments, where they would
 * land in shell history and the process list.
 */
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';

/** Hands out secrets in the order a command asks for them. */
export interface SecretReader {
  read(prompt: string): Promise<string>;
}

/** Reads piped stdin lines, one secret per line, in order. */
export function stdinLineReader(input: Readable): SecretReader {
  const lines: string[] = [];
  const waiting: ((line: string | undefined) => void)[] = [];
  let ended = false;
  const rl = createInterface({ input, crlfDelay: Infinity });
  rl.on('line', (line) => {
    const next = waiting.shift();
    if (next) next(line);
    else lines.push(line);
  });
  rl.on('close', () => {
    ended = true;
    for (const next of waiting.splice(0)) next(undefined);
  });
  return {
    async read(prompt) {
      const line = lines.shift() ?? (ended ? undefined : await new Promise<string | undefined>((resolve) => waiting.push(resolve)));
      if (line === undefined) throw new Error(`stdin ended before ${prompt.replace(/:\s*$/, '').toLowerCase()} was given (one secret per line)`);
      return line;
    },
  };
}

/** Prompts on a terminal without echoing what is typed. */
export function terminalPromptReader(input: NodeJS.ReadStream, output: Writable): SecretReader {
  return {
    read(prompt) {
      return new Promise((resolve, reject) => {
        output.write(prompt);
        let value = '';
        input.setRawMode?.(true);
        input.resume();
        const onData = (chunk: Buffer) => {
          for (const char of chunk.toString('utf8')) {
            if (char === '\r' || char === '\n') return finish();
            if (char === '\u0003') {
              cleanup();
              return reject(new Error('cancelled'));
            }
            if (char === '\u007f' || char === '\b') value = value.slice(0, -1);
            else value += char;
          }
        };
        const cleanup = () => {
          input.removeListener('data', onData);
          input.setRawMode?.(false);
          input.pause();
          output.write('\n');
        };
        const finish = () => {
          cleanup();
          resolve(value);
        };
        input.on('data', onData);
      });
    },
  };
}

/** The reader for this process: a prompt on a terminal, lines when stdin is piped. */
export function defaultSecretReader(): SecretReader {
  return process.stdin.isTTY ? terminalPromptReader(process.stdin, process.stderr) : stdinLineReader(process.stdin);
}
