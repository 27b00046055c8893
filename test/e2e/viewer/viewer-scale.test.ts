// The viewer in real Chromium over a home that looks like a user's: Claude Code and Gemini CLI on
// the machine with their own retention settings, Baton's hooks first not installed, then installed
// by `baton install`; and a session of 100,000 events. The Diagnostics page must show the hooks,
// daemon, retention and backup rows with the state the checks find (and change when the home
// changes); the long session must keep only a window of its rows in the page and reach its last
// event by scrolling; the projects page must draw activity per agent and the store's growth.
// Beside those: thinking folded and unfolded from the raw record, search narrowed by the CLI's
// filters, a todo edited in place and a component set from the page.
import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { EventInput } from '../../../src/store/index.js';
import { BIN, openStore } from '../cli-process.js';
import { chromiumPath, startViewer } from './harness.js';
import type { Viewer } from './harness.js';

const run = promisify(execFile);
const needChromium = !chromiumPath() && process.env.CI !== 'true';
const LONG = 100_000;
const LAST_TEXT = `the last of ${LONG.toLocaleString('en')} events`;
let v: Viewer;
let page: Page;
let longSession = '';
const THOUGHT = 'First check whether the rounding happens before the sum';

describe.skipIf(needChromium)('the web viewer at scale and its diagnostics, in Chromium', () => {
  beforeAll(async () => {
    v = await startViewer({
      prepare(box) {
        // HOME is the sandbox: Claude Code keeps transcripts 14 days; Gemini CLI keeps its chats.
        mkdirSync(join(box.home, '.claude'), { recursive: true });
        writeFileSync(join(box.home, '.claude', 'settings.json'), '{"cleanupPeriodDays": 14}\n');
        mkdirSync(join(box.home, '.gemini'), { recursive: true });
        writeFileSync(
          join(box.home, '.gemini', 'settings.json'),
          JSON.stringify({ general: { sessionRetention: { enabled: false } } }),
        );
        longSession = seedLongSession(box);
        seedThinking(box);
      },
    });
    page = await v.loggedIn();
  }, 240_000);
  afterAll(async () => v?.close());

  const row = (id: string) => page.locator(`[data-check="${id}"]`);
  const status = (id: string) => row(id).getAttribute('data-status');

  it('shows hooks, daemon, retention and backups on the Diagnostics page, as the checks find them', async () => {
    await page.goto(`${v.base}/ui/#/doctor`);
    await row('hooks:claude-code').waitFor();
    for (const name of ['Hooks', 'Daemon', 'History and retention', 'Backups'])
      await page.getByRole('heading', { name, exact: true }).waitFor();
    expect(await status('hooks:claude-code')).toBe('info');
    expect(await row('hooks:claude-code').textContent()).toContain('not installed');
    expect(await row('hooks:codex').textContent()).toContain('Codex CLI is not on this machine');
    expect(await status('retention:claude-code')).toBe('info');
    const claude = await row('retention:claude-code').textContent();
    expect(claude).toContain('Claude Code deletes transcripts after 14 days (cleanupPeriodDays)');
    expect(claude).toContain("Baton's hooks are not installed");
    expect(claude).toContain('fix: baton install claude-code');
    expect(await status('retention:gemini')).toBe('ok');
    expect(await row('retention:gemini').textContent()).toContain(
      'Gemini CLI keeps its transcripts',
    );
    expect(await row('retention:codex').count()).toBe(0);
    expect(await status('retention:baton')).toBe('ok');
    expect(await row('history:kept').textContent()).toContain('no transcript Baton read');
    expect(await status('daemon')).toBe('ok');
    expect(await row('daemon').textContent()).toContain('running');
    expect(await row('backup:schedule').textContent()).toContain(
      'every 24 h while the daemon runs',
    );
    await row('retention:claude-code').scrollIntoViewIfNeeded();
    await v.shot(page, '15-doctor-hooks-not-installed');

    // Install Claude Code's hooks and set Baton's retention; the page, run again, follows.
    await run(process.execPath, [BIN, 'install', 'claude-code'], {
      env: v.env,
      cwd: v.box.project,
    });
    await run(process.execPath, [BIN, 'config', 'set', 'retention.days', '90'], {
      env: v.env,
      cwd: v.box.project,
    });
    await page.getByRole('button', { name: 'Run again' }).click();
    await expect.poll(() => status('hooks:claude-code')).toBe('ok');
    expect(await row('hooks:claude-code').textContent()).toContain('installed');
    expect(await status('retention:claude-code')).toBe('ok');
    expect(await row('retention:claude-code').textContent()).toContain(
      "Baton's hooks record each session as it runs, so Baton keeps them",
    );
    expect(await status('retention:baton')).toBe('info');
    expect(await row('retention:baton').textContent()).toContain(
      'older than 90 days (retention.days)',
    );
    await row('retention:claude-code').scrollIntoViewIfNeeded();
    await v.shot(page, '16-doctor-hooks-installed');
  });

  it('draws events per day by agent and the growth of the store on the projects page', async () => {
    await page.goto(`${v.base}/ui/#/projects`);
    await page.getByRole('img', { name: /^Events per day, by agent/ }).waitFor();
    const growth = page.getByRole('img', { name: /^Store growth/ });
    await growth.waitFor();
    // The line ends at the whole store: the long session's 100,000 events and the seed's.
    const label = (await growth.getAttribute('aria-label')) ?? '';
    const total = Number(/: (\d+) events now$/.exec(label)?.[1]);
    expect(total).toBeGreaterThan(LONG);
    expect(total).toBeLessThan(LONG + 1000);
  });

  it('keeps only a window of a 100,000-event session in the page, and scrolls to its last event', async () => {
    await page.goto(`${v.base}/ui/#/s/${longSession}`);
    await page.getByRole('heading', { name: 'A session of 100,000 events' }).waitFor();
    await expect
      .poll(() => page.locator('.meta').textContent(), { timeout: 120_000 })
      .toContain(`${LONG.toLocaleString('en')} of ${LONG.toLocaleString('en')} events`);
    const rows = page.locator('.vlist [data-vi]');
    expect(await page.getByText('event 0 of the long run', { exact: true }).count()).toBe(1);
    const atTop = await rows.count();
    expect(atTop).toBeGreaterThan(5);
    expect(atTop).toBeLessThan(200);
    await expect
      .poll(
        async () => {
          await page
            .locator('.vlist')
            .evaluate((el: { scrollTop: number; scrollHeight: number }) => {
              el.scrollTop = el.scrollHeight;
            });
          return page.getByText(LAST_TEXT, { exact: true }).count();
        },
        { timeout: 30_000 },
      )
      .toBe(1);
    await page.getByText(LAST_TEXT, { exact: true }).isVisible();
    expect(await rows.count()).toBeLessThan(200);
    expect(await page.getByText('event 0 of the long run', { exact: true }).count()).toBe(0);
    const last = Number(await rows.last().getAttribute('data-vi'));
    expect(last).toBe(LONG - 1);
    await v.shot(page, '17-long-session-end');
  });
  it('keeps the view covered with rows, in order, while the long session scrolls frame by frame', async () => {
    await page.goto(`${v.base}/ui/#/s/${longSession}`);
    await expect
      .poll(() => page.locator('.meta').textContent(), { timeout: 120_000 })
      .toContain(`${LONG.toLocaleString('en')} of ${LONG.toLocaleString('en')} events`);
    // 400 px a frame, as the benchmark scrolls, then back up: after each frame the rows in the
    // page must reach past both edges of the view (no blank band where the list renders late or
    // places its window wrong) and run on from one event to the next without a gap.
    const seen = await page.evaluate(`new Promise((resolve) => {
      const list = document.querySelector('.vlist');
      const out = { frames: 0, uncovered: 0, outOfOrder: 0, firstRows: new Set() };
      let step = 0;
      const check = () => {
        const rows = [...list.querySelectorAll('[data-vi]')];
        const box = list.getBoundingClientRect();
        const top = rows[0].getBoundingClientRect().top;
        const bottom = rows[rows.length - 1].getBoundingClientRect().bottom;
        if (top > box.top + 1 || bottom < box.bottom - 1) out.uncovered += 1;
        for (let i = 1; i < rows.length; i += 1)
          if (Number(rows[i].dataset.vi) !== Number(rows[i - 1].dataset.vi) + 1) out.outOfOrder += 1;
        out.firstRows.add(rows[0].dataset.vi);
        out.frames += 1;
      };
      list.scrollTop = list.scrollHeight / 2;
      requestAnimationFrame(function frame() {
        check();
        step += 1;
        list.scrollTop += step <= 120 ? 400 : -400;
        if (step < 240) requestAnimationFrame(frame);
        else resolve({ ...out, firstRows: out.firstRows.size });
      });
    })`);
    expect(seen).toMatchObject({ frames: 240, uncovered: 0, outOfOrder: 0 });
    // It did scroll: the window moved on many times.
    expect((seen as { firstRows: number }).firstRows).toBeGreaterThan(50);
  });

  it('folds thinking to one line and unfolds it from the raw record the store kept', async () => {
    await page.goto(`${v.base}/ui/#/search?q=${encodeURIComponent('"answer after thinking"')}`);
    await page.locator('.hit-link').first().click();
    const fold = page.getByRole('button', { name: `thinking · ${THOUGHT.length} characters` });
    await fold.waitFor();
    expect(await fold.getAttribute('aria-expanded')).toBe('false');
    expect(await page.getByText(THOUGHT).count()).toBe(0);
    await fold.click();
    await page.getByText(THOUGHT).waitFor();
    expect(await fold.getAttribute('aria-expanded')).toBe('true');
  });

  it("narrows search by the CLI's filters: kind and agent", async () => {
    await page.goto(`${v.base}/ui/#/search`);
    await page.getByRole('searchbox', { name: 'Query' }).fill('cart');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.locator('.hit').first().waitFor();
    const kinds = () =>
      page.locator('.hit .muted').evaluateAll((ps) => ps.map((p) => p.textContent.split(' · ')[0]));
    expect(new Set(await kinds()).size).toBeGreaterThan(1);
    expect(await kinds()).toContain('tool_call');
    await page.getByLabel('Kind').selectOption('tool_call');
    await page.getByRole('button', { name: 'Search' }).click();
    await expect.poll(async () => new Set(await kinds())).toEqual(new Set(['tool_call']));
    expect(page.url()).toContain('kind=tool_call');
    await page.getByLabel('Agent').fill('codex');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('status').getByText('0 hits').waitFor();
  });

  it('edits a todo in place and sets a component, through the same operations as the CLI', async () => {
    await page.goto(`${v.base}/ui/#/p/${v.seeded.projectId}/todos`);
    await page.getByRole('button', { name: 'edit todo 1' }).click();
    await page
      .getByRole('textbox', { name: 'text of todo 1' })
      .fill('Write the property test for cents');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.locator('.todo', { hasText: 'Write the property test for cents' }).waitFor();
    const todos = (await (
      await v.api(`/v1/todos?project=${v.seeded.projectId}&status=all`)
    ).json()) as { todos: { number: number; content: string }[] };
    expect(todos.todos.find((t) => t.number === 1)?.content).toBe(
      'Write the property test for cents',
    );

    await page.goto(`${v.base}/ui/#/p/${v.seeded.projectId}/components`);
    const form = page.getByRole('form', { name: 'set a component' });
    await form.getByLabel('Name').fill('search-index');
    await form.getByLabel('Status').fill('healthy');
    await form.getByLabel('Health (0–100)').fill('95');
    await form.getByRole('button', { name: 'Set' }).click();
    await page.getByRole('meter', { name: 'health of search-index' }).waitFor();
    const c = (await (await v.api(`/v1/components?project=${v.seeded.projectId}`)).json()) as {
      components: { name: string; status: string; health: number | null }[];
    };
    expect(c.components.find((x) => x.name === 'search-index')).toMatchObject({
      status: 'healthy',
      health: 95,
    });
  });
});

/** A session of 100,000 short messages in the seeded project, written before the daemon starts. */
function seedLongSession(box: Viewer['box']): string {
  const now = Date.now();
  const { store, project } = openStore(box, now);
  try {
    const s = store.sessions.start({
      agent: 'claude-code',
      projectId: project.id,
      title: `A session of ${LONG.toLocaleString('en')} events`,
      startedAt: now - LONG * 100,
    });
    for (let from = 0; from < LONG; from += 5000) {
      const batch: EventInput[] = [];
      for (let i = from; i < Math.min(LONG, from + 5000); i += 1) {
        batch.push({
          sessionId: s.id,
          source: 'import',
          ts: now - LONG * 100 + i * 100,
          kind: i % 2 ? 'assistant_message' : 'user_message',
          role: i % 2 ? 'assistant' : 'user',
          text: i === LONG - 1 ? LAST_TEXT : `event ${i} of the long run`,
        });
      }
      store.events.append(batch);
    }
    return s.id;
  } finally {
    store.close();
  }
}

/** A short session whose answer came after thinking: the text only in the raw record. */
function seedThinking(box: Viewer['box']): void {
  const { store, project } = openStore(box, Date.now());
  try {
    const s = store.sessions.start({
      agent: 'claude-code',
      projectId: project.id,
      title: 'Thought through',
    });
    const raw = {
      type: 'assistant',
      message: {
        role: 'assistant',
        content: [
          { type: 'thinking', thinking: THOUGHT },
          { type: 'text', text: 'The answer after thinking: round at the end.' },
        ],
      },
    };
    store.events.append([
      {
        sessionId: s.id,
        source: 'transcript',
        ts: Date.now(),
        kind: 'assistant_message',
        role: 'assistant',
        text: 'The answer after thinking: round at the end.',
        data: { thinkingChars: THOUGHT.length },
        raw,
      },
    ]);
  } finally {
    store.close();
  }
}
