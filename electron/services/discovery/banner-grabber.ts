import type { Socket } from 'node:net';
import { formatHttpBanner, requestHttpHead } from './http-banner';
import type { BannerProtocol } from './service-names';
import { readSshBanner } from './ssh-banner';
import { closeHard } from './tcp-prober';
import { readTlsBanner } from './tls-banner';

/**
 * Reads the banner of an open port on the probe's own connection, then closes it with a reset.
 * Resolves with the sanitised banner, '' when the host said nothing useful in time.
 */
export async function grabBanner(
  socket: Socket,
  address: string,
  port: number,
  protocol: BannerProtocol,
  timeoutMs: number,
): Promise<string> {
  try {
    switch (protocol) {
      case 'ssh':
      case 'greeting':
        return await readSshBanner(socket, timeoutMs);
      case 'http':
        return formatHttpBanner(await requestHttpHead(socket, address, port, timeoutMs));
      case 'https':
        return await readTlsBanner(socket, address, port, timeoutMs);
    }
  } catch {
    return '';
  } finally {
    closeHard(socket);
  }
}
