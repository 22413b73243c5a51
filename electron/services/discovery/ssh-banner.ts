import type { Socket } from 'node:net';
import { sanitizeBanner } from './banner-text';
import { readUntil } from './socket-reader';

// RFC 4253 caps the identification line at 255 bytes; a few lines of preamble may precede it.
const MAX_GREETING_BYTES = 2048;

/** The first complete line starting with `SSH-` in a greeting, else its first line. */
export function pickSshIdentification(greeting: string): string {
  const lines = greeting.split('\n').map((line) => line.replace(/\r$/, ''));
  const complete = greeting.endsWith('\n') ? lines : lines.slice(0, -1);
  const identification = complete.find((line) => line.startsWith('SSH-'));
  return identification ?? lines[0] ?? '';
}

function hasIdentificationLine(received: Buffer): boolean {
  const text = received.toString('latin1');
  return text.startsWith('SSH-') ? text.includes('\n') : /\nSSH-[^\n]*\n/.test(text);
}

/** Reads the SSH server's identification line (the server speaks first), sanitised; '' when it says nothing. */
export async function readSshBanner(socket: Socket, timeoutMs: number): Promise<string> {
  const greeting = await readUntil(socket, { maxBytes: MAX_GREETING_BYTES, timeoutMs, isComplete: hasIdentificationLine });
  return sanitizeBanner(pickSshIdentification(greeting.toString('utf8')));
}
