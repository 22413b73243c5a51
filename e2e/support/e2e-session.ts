/**
 * The one setup and teardown of an end-to-end test file: services the test stands up first
 * (loopback listeners, an sshd lab), a fresh data folder seeded through a CLI-mode core, the
 * browser host as a child process (the product's, the clocked or the scripted one), and headless
 * Chromium; `close()` takes it all down in the reverse order, and a setup that fails half-way
 * takes down what it had started before it throws.
 *
 * Screenshots go through the session so each file stays in its own number range
 * (`screenshots.ts`).
 */
import type { Browser, Page } from 'playwright-core';
import { openAppCore, type AppCore } from '../../electron/core/app-core';
import { fixedClock } from '../../electron/platform/clock';
import { makeTempDir, removeTempDirs } from '../../electron/test-support/temp-dir';
import { launchBrowser } from './browser';
import { startHostProcess, type HostOptions, type HostProcess } from './host-process';
import { screenshotPath, takeScreenshot, takeScreenshotsAt, type ScreenshotOwner } from './screenshots';

/** What a test file needs set up. */
export interface E2eSessionOptions {
  /** The test file (`e2e/<owner>.e2e.test.ts`): names its data folder and its screenshot range. */
  owner: ScreenshotOwner;
  /** Started before anything else and stopped after the host; returns how to stop it. */
  before?: () => Promise<() => Promise<void>>;
  /** Writes the data the test starts from, through a CLI-mode core opened on the folder and closed after. */
  seed?: {
    /** The seeding core's fixed clock (ISO instant); the wall clock without it. */
    at?: string;
    /** Who the audit log says did it; `seed` by default. */
    actor?: string;
    run(core: AppCore, dataDir: string): Promise<void>;
  };
  /** The host to start once seeded; `false`: the test starts it itself with {@link E2eSession.startHost}. */
  host?: HostOptions | false;
}

/** A page of the app and the errors its scripts threw (each also printed). */
export interface AppPage {
  page: Page;
  errors: string[];
}

/** How {@link E2eSession.openApp} opens a page. */
export interface OpenAppOptions {
  /** 1440×900 unless given. */
  viewport?: { width: number; height: number };
  /** Fixes the page's clock (`Date`) at this ISO instant, to agree with a clocked host. */
  now?: string;
  /** Goes to this route (`#/checklist/deploy`) once the app has loaded with its token. */
  hash?: string;
  acceptDownloads?: boolean;
  /** `false`: the page is made but not opened (the test routes it first). */
  navigate?: boolean;
}

/** A running setup; see {@link startE2eSession}. */
export interface E2eSession {
  readonly dataDir: string;
  readonly browser: Browser;
  /** The running host; throws when none runs. */
  readonly host: HostProcess;
  /** Starts the host (stopping the running one first): a restart, or the next clock. */
  startHost(options?: HostOptions): Promise<HostProcess>;
  stopHost(): Promise<void>;
  /** A new page on the app, through the session token as a user opens it. */
  openApp(options?: OpenAppOptions): Promise<AppPage>;
  /** `name.png`, the viewport (or the whole page). */
  shot(page: Page, name: string, options?: { fullPage?: boolean }): Promise<void>;
  /** `name-<width>.png` at 1280×720 and 1440×900 (the page stays at 1440×900). */
  shotAtSizes(page: Page, name: string): Promise<void>;
  /** A file in the screenshots folder (a rendered PDF page, an exported PDF), number-checked. */
  shotPath(name: string): string;
  /** Chromium, then the host, then what `before` started, then the temporary folders. */
  close(): Promise<void>;
}

/** Sets up a test file's data folder, host and browser; see the module comment. */
export async function startE2eSession(options: E2eSessionOptions): Promise<E2eSession> {
  let stopBefore: (() => Promise<void>) | undefined;
  let browser: Browser | undefined;
  let host: HostProcess | undefined;

  const close = async () => {
    const failures: unknown[] = [];
    const step = async (work: (() => Promise<void>) | undefined) => {
      try {
        await work?.();
      } catch (error) {
        failures.push(error);
      }
    };
    const [openBrowser, runningHost] = [browser, host];
    host = undefined;
    await step(openBrowser && (() => openBrowser.close()));
    await step(runningHost && (() => runningHost.stop()));
    await step(stopBefore);
    removeTempDirs();
    if (failures.length > 0) throw failures[0];
  };

  try {
    stopBefore = await options.before?.();
    const dataDir = makeTempDir(`patchdesk-e2e-${options.owner}-`);
    if (options.seed) await seedFolder(dataDir, options.seed);
    // The browser and the host start side by side; whichever started is closed if the other failed.
    const hostOptions = options.host;
    const [launched, started] = await Promise.allSettled([launchBrowser(), hostOptions === false ? Promise.resolve(undefined) : startHostProcess(dataDir, hostOptions)]);
    if (launched.status === 'fulfilled') browser = launched.value;
    if (started.status === 'fulfilled') host = started.value;
    if (launched.status === 'rejected') throw launched.reason;
    if (started.status === 'rejected') throw started.reason;
    const chromium = launched.value;

    const session: E2eSession = {
      dataDir,
      browser: chromium,
      get host() {
        if (!host) throw new Error('no host is running');
        return host;
      },
      async startHost(next = {}) {
        await session.stopHost();
        host = await startHostProcess(dataDir, next);
        return host;
      },
      async stopHost() {
        const running = host;
        host = undefined;
        await running?.stop();
      },
      async openApp(open = {}) {
        const page = await chromium.newPage({ viewport: open.viewport ?? { width: 1440, height: 900 }, ...(open.acceptDownloads ? { acceptDownloads: true } : {}) });
        const errors: string[] = [];
        page.on('pageerror', (error) => {
          errors.push(error.message);
          console.error('page error:', error.message);
        });
        if (open.now) await page.clock.setFixedTime(new Date(open.now));
        if (open.navigate !== false) {
          await page.goto(session.host.openUrl);
          if (open.hash) await page.evaluate((target) => (window.location.hash = target), open.hash);
        }
        return { page, errors };
      },
      shot: (page, name, shotOptions) => takeScreenshot(options.owner, page, name, shotOptions),
      shotAtSizes: (page, name) => takeScreenshotsAt(options.owner, page, name),
      shotPath: (name) => screenshotPath(options.owner, name),
      close,
    };
    return session;
  } catch (error) {
    await close().catch(() => undefined);
    throw error;
  }
}

async function seedFolder(dataDir: string, seed: NonNullable<E2eSessionOptions['seed']>): Promise<void> {
  const core = openAppCore({ dataDir, mode: 'cli', actor: seed.actor ?? 'seed', ...(seed.at ? { clock: fixedClock(new Date(seed.at)) } : {}) });
  try {
    await seed.run(core, dataDir);
  } finally {
    await core.close();
  }
}
