// The web viewer on the 1M-event store, in Debian's Chromium: how long each page takes to show its
// content (first contentful paint, and until the page's own data is on screen), and how smoothly a
// session of 100,000 events scrolls — beside a static HTML page served by a bare Node server,
// painted and scrolled in the same browser run. BATON_BENCH_UI_TINY=1 (or BATON_BENCH_TINY=1) runs it
// on a small store with a 5,000-event session — a check that it works, not a figure; its metrics say so.
import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { chromium } from 'playwright-core';
import type { Page } from 'playwright-core';
import { SqliteStore, storePath } from '../src/store/index.js';
import type { EventInput } from '../src/store/index.js';
import { chromiumPath } from '../test/e2e/viewer/harness.js';
import { ensureBigStore } from './fixtures.js';
import type { Benchmark, Figure } from './harness.js';
import { median, percentile } from './harness.js';

const run = promisify(execFile);
const BIN = join(import.meta.dirname, '..', 'bin', 'baton.js');
const tiny = process.env.BATON_BENCH_UI_TINY === '1' || process.env.BATON_BENCH_TINY === '1';
const SIZE = tiny ? 'tiny check, not a figure' : '1M-event store';
const LONG = tiny ? 5_000 : 100_000;
const ROUNDS = tiny ? 1 : 5;
const SCROLL_FRAMES = tiny ? 60 : 300;

/** A home whose store is a copy of the big one (the daemon writes) plus one very long session. */
async function benchHome(): Promise<{ home: string; longSession: string; project: string }> {
  const home = mkdtempSync(join(tmpdir(), 'baton-bench-ui-'));
  if (!tiny) copyFileSync(await ensureBigStore(), storePath(home));
  const store = SqliteStore.open({ path: storePath(home) });
  try {
    const project = store.projects.ensure({
      key: 'path:/bench/ui',
      root: '/bench/ui',
      remoteUrl: null,
      name: 'bench-ui',
    });
    const s = store.sessions.start({
      agent: 'claude-code',
      projectId: project.id,
      title: 'A very long session',
    });
    const t0 = Date.now() - LONG * 1000;
    for (let from = 0; from < LONG; from += 5000) {
      const batch: EventInput[] = [];
      for (let i = from; i < Math.min(LONG, from + 5000); i += 1) {
        const kind = i % 3 === 0 ? 'user_message' : i % 3 === 1 ? 'assistant_message' : 'tool_call';
        batch.push({
          sessionId: s.id,
          source: 'import',
          ts: t0 + i * 1000,
          kind,
          text:
            kind === 'tool_call'
              ? `npm test -- part ${i}`
              : `Message ${i}: checking the totals, **step** ${i} of the run`,
          ...(kind === 'tool_call' && {
            tool: 'Bash',
            data: { toolUseId: `t${i}`, input: { command: 'npm test' } },
          }),
        });
      }
      store.events.append(batch);
    }
    return { home, longSession: s.id, project: project.id };
  } finally {
    store.close();
  }
}

function staticServer(): Promise<{ url: string; close: () => void }> {
  const rows = Array.from(
    { length: 5000 },
    (_, i) => `<div class="row">Message ${i}: checking the totals, step ${i} of the run</div>`,
  ).join('');
  const html = `<!doctype html><html><head><meta charset="utf-8"><title>static</title><style>.row{padding:8px;border-bottom:1px solid #ddd}#list{height:90vh;overflow:auto}</style></head><body><h1>Static page</h1><div id="list">${rows}</div></body></html>`;
  const server = createServer((_, res) =>
    res.writeHead(200, { 'content-type': 'text/html' }).end(html),
  );
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({ url: `http://127.0.0.1:${port}/`, close: () => server.close() });
    }),
  );
}

/** First contentful paint, and the time until `selector` is on screen (ms since navigation). */
async function paint(
  page: Page,
  url: string,
  selector: string,
): Promise<{ fcp: number; ready: number }> {
  await page.goto('about:blank');
  await page.goto(url);
  await page.waitForSelector(selector, { timeout: 60_000 });
  return page.evaluate(() => ({
    fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
    ready: performance.now(),
  }));
}

/**
 * Scrolls `selector` by 400px a frame; the 95th percentile of the frame intervals (ms). The page
 * runs it as source text: the bench's own transpiler would wrap named functions in a helper the
 * page does not have.
 */
async function scroll(page: Page, selector: string, frames: number): Promise<number> {
  const gaps = await page.evaluate<number[]>(`new Promise((resolve) => {
    const el = document.querySelector(${JSON.stringify(selector)});
    const out = [];
    let last = performance.now();
    requestAnimationFrame(function step() {
      const now = performance.now();
      out.push(now - last);
      last = now;
      el.scrollTop += 400;
      if (out.length < ${frames}) requestAnimationFrame(step);
      else resolve(out.slice(1));
    });
  })`);
  return percentile(gaps, 95);
}

const bench: Benchmark = {
  name: 'ui',
  async run() {
    const executablePath = chromiumPath();
    if (!executablePath) throw new Error('no Chromium (set BATON_CHROMIUM)');
    const { home, longSession, project } = await benchHome();
    const env = { ...process.env, BATON_HOME: home, HOME: home, BATON_DAEMON_PORT: '0' };
    const browser = await chromium.launch({
      executablePath,
      headless: true,
      args: ['--no-sandbox', '--headless=new'],
    });
    const plain = await staticServer();
    try {
      const login = JSON.parse(
        (await run(process.execPath, [BIN, 'ui', '--json'], { env })).stdout,
      ) as { url: string };
      const base = new URL(login.url).origin;
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      await page.goto(login.url);
      const busiest = tiny ? project : await firstProject(page, base);
      const pages: [string, string, string][] = [
        ['projects', '#/projects', '.card a'],
        ['sessions of a project', `#/p/${busiest}/sessions`, '.tl-title'],
        [`session of ${LONG.toLocaleString('en')} events`, `#/s/${longSession}`, '.ev'],
        ['search', '#/search?q=totals', '.hit'],
        ['todo board', `#/p/${busiest}/todos`, '.todo, .column'],
        ['next brief', `#/p/${busiest}/brief`, '[data-brief-size]'],
        ['diagnostics', '#/doctor', '.check'],
      ];
      const figures: Figure[] = [];
      const baseline = Array.from({ length: ROUNDS }, () => 0);
      const staticReady: number[] = [];
      for (const _ of baseline) staticReady.push((await paint(page, plain.url, '.row')).ready);
      const staticMs = median(staticReady);
      for (const [name, hash, selector] of pages) {
        const ready: number[] = [];
        for (let r = 0; r < ROUNDS; r += 1)
          ready.push((await paint(page, `${base}/ui/${hash}`, selector)).ready);
        const ms = median(ready);
        figures.push({
          metric: `first paint with content: ${name} (${SIZE})`,
          value: ms,
          unit: 'ms',
          baseline: 'static HTML page, same browser',
          baselineValue: staticMs,
          baselineUnit: 'ms',
          target: '< 1,000 ms',
          met: ms < 1000,
        });
      }
      await paint(page, `${base}/ui/#/s/${longSession}`, '.ev');
      const p95 = await scroll(page, '.vlist', SCROLL_FRAMES);
      await paint(page, plain.url, '.row');
      const staticP95 = await scroll(page, '#list', SCROLL_FRAMES);
      figures.push({
        metric: `scroll of a ${LONG.toLocaleString('en')}-event session, p95 frame interval (${SCROLL_FRAMES} frames; ${SIZE})`,
        value: p95,
        unit: 'ms',
        baseline: 'static HTML list of 5,000 rows',
        baselineValue: staticP95,
        baselineUnit: 'ms',
        target: '≤ 33 ms (30 fps)',
        met: p95 <= 33,
      });
      return figures;
    } finally {
      await browser.close();
      plain.close();
      await run(process.execPath, [BIN, 'daemon', 'stop'], { env }).catch(() => {});
      rmSync(home, { recursive: true, force: true });
    }
  },
};

async function firstProject(page: Page, base: string): Promise<string> {
  const r: unknown = await page.evaluate(
    async (b) => (await (await fetch(`${b}/ui/api/v1/projects`)).json()) as unknown,
    base,
  );
  return (r as { projects: { id: string; name: string }[] }).projects.find((p) =>
    p.name.startsWith('bench-project'),
  )!.id;
}

export default bench;
