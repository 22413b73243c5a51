/** Debian's Chromium driven by playwright-core, with the flags this closed network needs. */
import { chromium, type Browser } from 'playwright-core';

/** Launches headless Chromium; no background networking, no sandbox (we run as root). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}
