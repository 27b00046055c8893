// The viewer's browser tests run the real thing: the built CLI's `baton ui` starts a daemon on a
// free port over a seeded store and prints a one-time login link; Debian's Chromium, driven by
// playwright-core (never a downloaded browser), opens it. Screenshots of each page go to
// test-artifacts/viewer/ (git-ignored).
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { BIN, ROOT, sandbox } from '../cli-process.js';
import type { Sandbox } from '../cli-process.js';
import { seedStore } from './seed.js';
import type { Seeded } from './seed.js';

const run = promisify(execFile);
export const ARTIFACTS = join(ROOT, 'test-artifacts', 'viewer');

/** The Chromium to drive: $BATON_CHROMIUM, else Debian's. Null when neither exists. */
export function chromiumPath(): string | null {
  const candidates = [process.env.BATON_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  return candidates.find((p): p is string => !!p && existsSync(p)) ?? null;
}

export interface Viewer {
  box: Sandbox;
  seeded: Seeded;
  base: string;
  token: string;
  browser: Browser;
  env: NodeJS.ProcessEnv;
  /** A fresh page, logged in through a new one-time link. */
  loggedIn(): Promise<Page>;
  /** A new one-time login URL from `baton ui --json`. */
  loginUrl(): Promise<string>;
  /** Calls the daemon's bearer API, as a script or a hook's client would. */
  api(path: string, init?: RequestInit): Promise<Response>;
  shot(page: Page, name: string): Promise<void>;
  close(): Promise<void>;
}

export interface ViewerOptions {
  /** Runs over the sandbox after the store is seeded and before the daemon starts. */
  prepare?: (box: Sandbox, seeded: Seeded) => void;
}

export async function startViewer(options: ViewerOptions = {}): Promise<Viewer> {
  const executablePath = chromiumPath();
  if (!executablePath)
    throw new Error('no Chromium: install Debian’s chromium or set BATON_CHROMIUM');
  const box = sandbox();
  const seeded = seedStore(box);
  options.prepare?.(box, seeded);
  const env = {
    ...process.env,
    BATON_HOME: box.home,
    HOME: box.home,
    NO_COLOR: '1',
    BATON_SESSION: '',
    BATON_DAEMON_PORT: '0',
    BATON_DAEMON_POLL_MS: '500',
  };
  const loginUrl = async () => {
    const r = await run(process.execPath, [BIN, 'ui', '--json'], { env, cwd: box.project });
    return (JSON.parse(r.stdout) as { url: string }).url;
  };
  const first = await loginUrl();
  const base = new URL(first).origin;
  const token = readFileSync(join(box.home, 'daemon.token'), 'utf8').trim();
  const browser = await chromium.launch({
    executablePath,
    headless: true,
    args: ['--no-sandbox', '--headless=new', '--disable-gpu', '--disable-dev-shm-usage'],
  });
  mkdirSync(ARTIFACTS, { recursive: true });
  return {
    box,
    seeded,
    base,
    token,
    browser,
    env,
    loginUrl,
    async loggedIn() {
      const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
      page.setDefaultTimeout(15_000);
      await page.goto(await loginUrl());
      await page.waitForURL(`${base}/ui/`);
      return page;
    },
    api: (path, init = {}) =>
      fetch(`${base}${path}`, {
        ...init,
        headers: { authorization: `Bearer ${token}`, ...(init.headers as Record<string, string>) },
      }),
    shot: async (page, name) => {
      await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: false });
    },
    async close() {
      await browser.close().catch(() => {});
      await run(process.execPath, [BIN, 'daemon', 'stop'], { env }).catch(() => {});
      box.dispose();
    },
  };
}
