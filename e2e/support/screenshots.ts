/**
 * Where the end-to-end tests put their screenshots, and which leading numbers each test file owns.
 * Every file writes into the one `e2e/screenshots/` folder, so two files numbering from the same
 * place would overwrite each other's pictures (and a reader could not tell which test took
 * `60-...png`). Each file has its own range here; {@link screenshotPath} refuses a number outside
 * the caller's range, and the ranges are checked not to overlap when this module loads.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';

/** The folder every screenshot, rendered PDF page and exported PDF of the e2e tests goes to (not committed). */
export const SHOTS_DIR = fileURLToPath(new URL('../screenshots/', import.meta.url));

/**
 * The leading screenshot numbers of each e2e file (`e2e/<key>.e2e.test.ts`), inclusive. A name
 * without a leading number (`layout-overview-1440`, `evidence-report.pdf`) is not numbered and
 * not checked; it must still not be used by another file.
 */
export const SCREENSHOT_RANGES = {
  inventory: [1, 19],
  'patch-status': [20, 29],
  'cycle-evidence': [30, 39],
  'live-updates': [40, 49],
  coverage: [50, 58],
  deploy: [59, 72],
  'deploy-maintenance-window': [73, 79],
  'verify-forged-pack': [80, 89],
  'deploy-windows': [90, 99],
  triage: [100, 109],
  'kev-policy': [110, 119],
  'real-host-triage': [120, 129],
  'deploy-lab': [130, 139],
  layout: null,
} as const satisfies Record<string, readonly [number, number] | null>;

/** One e2e file, as {@link SCREENSHOT_RANGES} names it. */
export type ScreenshotOwner = keyof typeof SCREENSHOT_RANGES;

function checkRangesApart(): void {
  const ranges = Object.entries(SCREENSHOT_RANGES).flatMap(([owner, range]) => (range ? [{ owner, from: range[0], to: range[1] }] : [])).sort((a, b) => a.from - b.from);
  for (const [index, range] of ranges.entries()) {
    const next = ranges[index + 1];
    if (range.from > range.to) throw new Error(`screenshot range of ${range.owner} is empty: ${range.from}-${range.to}`);
    if (next && next.from <= range.to) throw new Error(`screenshot ranges overlap: ${range.owner} ${range.from}-${range.to} and ${next.owner} ${next.from}-${next.to}`);
  }
}
checkRangesApart();

/** The file `name` (with its extension, if any) in {@link SHOTS_DIR}; throws when its leading number is not the owner's. */
export function screenshotPath(owner: ScreenshotOwner, name: string): string {
  const number = /^(\d+)/.exec(name)?.[1];
  if (number !== undefined) {
    const range = SCREENSHOT_RANGES[owner];
    const value = Number(number);
    if (range === null || value < range[0] || value > range[1]) throw new Error(`screenshot "${name}" of ${owner}: its number is outside ${owner}'s range (${range ? `${range[0]}-${range[1]}` : 'none'}, e2e/support/screenshots.ts)`);
  }
  mkdirSync(SHOTS_DIR, { recursive: true });
  return join(SHOTS_DIR, name);
}

/** Takes `name.png` of `page` (the visible viewport unless `fullPage`). */
export async function takeScreenshot(owner: ScreenshotOwner, page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<void> {
  await page.screenshot({ path: screenshotPath(owner, `${name}.png`), fullPage: options.fullPage ?? false });
}

/** The window sizes the Deploy screens are checked at (the last, 1440×900, is where the test goes on). */
export const DEPLOY_SIZES = [
  { width: 1920, height: 1080 },
  { width: 1280, height: 720 },
  { width: 1440, height: 900 },
] as const;

/** Takes `name-<width>.png` at each size in turn; the page is left at the last size. */
export async function takeScreenshotsAt(owner: ScreenshotOwner, page: Page, name: string, sizes: readonly { width: number; height: number }[] = DEPLOY_SIZES): Promise<void> {
  for (const size of sizes) {
    await page.setViewportSize(size);
    await page.screenshot({ path: screenshotPath(owner, `${name}-${size.width}.png`), fullPage: false });
  }
}
