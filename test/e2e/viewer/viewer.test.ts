// The viewer in real Chromium, through the user's paths: log in by the one-time link, read the
// projects and a project's timeline, open a session and unfold a tool call (an edit as a diff, its
// result), replay it, search and open a hit, move a todo, supersede a decision, restore a
// checkpoint with rollback, and watch a prompt a hook records arrive live. Each page is saved as a
// screenshot in test-artifacts/viewer/.
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { BIN } from '../cli-process.js';
import { chromiumPath, startViewer } from './harness.js';
import type { Viewer } from './harness.js';
import { FILLER, LIVE_AGENT_ID, RARE_WORD } from './seed.js';

const needChromium = !chromiumPath() && process.env.CI !== 'true';
let v: Viewer;
let page: Page;

describe.skipIf(needChromium)('the web viewer in Chromium', () => {
  beforeAll(async () => {
    v = await startViewer();
    page = await v.loggedIn();
  });
  afterAll(async () => v?.close());

  it('logs in by a one-time link, leaving no secret in the address and an HttpOnly cookie', async () => {
    expect(page.url()).toBe(`${v.base}/ui/`);
    const cookies = await page.context().cookies();
    expect(cookies).toHaveLength(1);
    expect(cookies[0]).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/ui' });
    await expect.poll(() => page.getByRole('heading', { name: 'Projects' }).count()).toBe(1);
    await page.getByRole('link', { name: v.seeded.projectName, exact: true }).waitFor();
    await page.locator('figure.chart svg rect').first().waitFor();
    await v.shot(page, '01-projects');
    // The link worked once: a second visit is refused.
    const url = await v.loginUrl();
    const other = await v.browser.newPage();
    expect((await other.goto(url))?.status()).toBe(200);
    const again = await other.goto(url);
    expect(again?.status()).toBe(401);
    await other.close();
  });

  it("shows the project's sessions as a timeline with subagents nested and checkpoint marks", async () => {
    await page.getByRole('link', { name: v.seeded.projectName, exact: true }).click();
    await page.getByRole('heading', { name: 'Sessions' }).waitFor();
    const nested = page.getByRole('list', { name: `subagents of ${v.seeded.work.handle}` });
    await expect
      .poll(() => nested.getByRole('link', { name: 'Explore the tests' }).count())
      .toBe(1);
    expect(await page.locator('.tl-mark').count()).toBeGreaterThanOrEqual(2);
    await v.shot(page, '02-sessions');
  });

  it('opens a session and unfolds a tool call: the edit as a diff, its result one click away', async () => {
    await page.getByRole('link', { name: 'Fix the cart totals' }).click();
    await page.getByRole('heading', { name: 'Fix the cart totals' }).waitFor();
    await page.getByText('Please fix').waitFor();
    expect(await page.locator('.md strong', { hasText: 'rounding' }).count()).toBe(1);
    const fold = page.getByRole('button', { name: /Edit src\/cart\.ts/ });
    expect(await fold.getAttribute('aria-expanded')).toBe('false');
    await fold.click();
    expect(await fold.getAttribute('aria-expanded')).toBe('true');
    await page.locator('.diff .dr', { hasText: 'return a + b;' }).waitFor();
    await page.locator('.diff .da', { hasText: 'return Math.round(a + b);' }).waitFor();
    await page.getByText('The file src/cart.ts has been updated.').waitFor();
    const failedCall = page.locator('.ev-failed', { hasText: 'npm test' });
    expect(await failedCall.locator('.badge', { hasText: 'failed' }).count()).toBe(1);
    expect(await page.locator('.compaction').count()).toBe(1);
    await v.shot(page, '03-session');
  });

  it('replays the session step by step and by playing', async () => {
    await page.getByRole('button', { name: 'Replay' }).click();
    const status = page.locator('.replay output');
    await expect.poll(() => status.textContent()).toMatch(/^1 \/ \d+$/);
    await page.getByRole('button', { name: 'step forward' }).click();
    await page.getByRole('button', { name: 'step forward' }).click();
    await expect.poll(() => status.textContent()).toMatch(/^3 \/ /);
    expect(await page.locator('.ev-current').count()).toBe(1);
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    await expect.poll(() => status.textContent(), { timeout: 10_000 }).toMatch(/^[4-9] \/ /);
    await v.shot(page, '04-replay');
    await page.getByRole('button', { name: 'Exit replay' }).click();
  });

  it('searches with highlighted snippets; a hit opens its session scrolled to the event', async () => {
    await page.goto(`${v.base}/ui/#/search`);
    await page.getByRole('searchbox', { name: 'Query' }).fill(RARE_WORD);
    await page.getByRole('button', { name: 'Search' }).click();
    const hit = page.locator('.hit-link').first();
    await hit.waitFor();
    expect(await page.locator('.hit mark').first().textContent()).toMatch(
      new RegExp(RARE_WORD, 'i'),
    );
    await v.shot(page, '05-search');
    await hit.click();
    const target = page.locator(`#ev-${v.seeded.rareSeq}`);
    await target.waitFor();
    expect(await target.getAttribute('class')).toContain('ev-current');
    expect(await target.isVisible()).toBe(true);
    const box = await target.boundingBox();
    const list = await page.locator('.vlist').boundingBox();
    expect(box && list && box.y >= list.y && box.y < list.y + list.height).toBe(true);
    // Virtualised: far fewer rows in the page than events in the session.
    expect(await page.locator('.vrow').count()).toBeLessThan(FILLER / 2);
    await v.shot(page, '06-search-hit');
  });

  it('moves a todo by dragging it to another column, and by its status menu', async () => {
    await page.goto(`${v.base}/ui/#/p/${v.seeded.projectId}/todos`);
    const card = page.locator('.todo', { hasText: 'Write the property test' });
    await card.waitFor();
    await card.dragTo(page.locator('.column[data-status="in_progress"]'));
    await page
      .locator('.column[data-status="in_progress"] .todo', { hasText: 'Write the property test' })
      .waitFor();
    const todos = await todosByContent(v);
    expect(todos['Write the property test for totals']).toBe('in_progress');
    await page.getByRole('textbox', { name: 'New todo' }).fill('Ship the viewer');
    await page.getByRole('button', { name: 'Add' }).click();
    const added = page.locator('.todo', { hasText: 'Ship the viewer' });
    await added.waitFor();
    await added.getByRole('combobox').selectOption('blocked');
    await page
      .locator('.column[data-status="blocked"] .todo', { hasText: 'Ship the viewer' })
      .waitFor();
    expect((await todosByContent(v))['Ship the viewer']).toBe('blocked');
    await v.shot(page, '07-todos');
  });

  it('supersedes a decision through the same operation as the CLI', async () => {
    await page.goto(`${v.base}/ui/#/p/${v.seeded.projectId}/decisions`);
    await page.getByRole('button', { name: 'supersede decision 1' }).click();
    await page.getByRole('textbox', { name: 'Decision' }).fill('Keep totals as integer cents');
    await page.getByRole('button', { name: 'Record and supersede' }).click();
    await page.locator('.record', { hasText: 'Keep totals as integer cents' }).waitFor();
    await page.locator('.record.superseded', { hasText: 'Keep totals as floats' }).waitFor();
    const r = (await (await v.api(`/v1/decisions?project=${v.seeded.projectId}`)).json()) as {
      decisions: { decision: string; status: string }[];
    };
    expect(r.decisions.find((d) => d.decision === 'Keep totals as floats')?.status).toBe(
      'superseded',
    );
    await v.shot(page, '08-decisions');
  });

  it('diffs two checkpoints and rolls back to one after a confirmation', async () => {
    await page.goto(`${v.base}/ui/#/p/${v.seeded.projectId}/checkpoints`);
    const { before, after } = v.seeded.checkpoints;
    await page.getByRole('combobox', { name: 'From' }).selectOption(before);
    await page.getByRole('combobox', { name: 'To' }).selectOption(after);
    await page.getByRole('button', { name: 'Compare' }).click();
    await page.getByRole('region', { name: 'difference' }).getByText('status').waitFor();
    const row = page.getByRole('row', { name: /before the changelog/ });
    await row.getByRole('button', { name: /roll back/ }).click();
    const dialog = page.getByRole('alertdialog');
    await dialog.waitFor();
    await v.shot(page, '09-checkpoints-confirm');
    expect((await todosByContent(v))['Update the changelog']).toBe('completed');
    await dialog.getByRole('button', { name: 'Restore' }).click();
    await page
      .getByRole('status')
      .getByText(/records rolled back/)
      .waitFor();
    expect((await todosByContent(v))['Update the changelog']).toBe('pending');
  });

  it('shows facts with their expiry, component health, the next brief per agent, and diagnostics', async () => {
    await page.goto(`${v.base}/ui/#/p/${v.seeded.projectId}/facts`);
    await page.getByRole('row', { name: /test-command/ }).waitFor();
    await page.getByRole('textbox', { name: 'Key' }).fill('deploy-freeze');
    await page.getByRole('textbox', { name: 'Value' }).fill('until Monday');
    await page.getByRole('textbox', { name: 'Expires in' }).fill('3d');
    await page.getByRole('button', { name: 'Set' }).click();
    await page.getByRole('row', { name: /deploy-freeze/ }).waitFor();
    await v.shot(page, '10-facts');
    await page.goto(`${v.base}/ui/#/p/${v.seeded.projectId}/components`);
    await page.getByRole('meter', { name: 'health of checkout' }).waitFor();
    await v.shot(page, '11-components');
    await page.goto(`${v.base}/ui/#/p/${v.seeded.projectId}/brief`);
    await page.getByRole('tab', { name: /codex/ }).click();
    await expect
      .poll(() => page.locator('[data-brief-size]').textContent())
      .toMatch(/of 9,000 characters/);
    await v.shot(page, '12-brief');
    await page.goto(`${v.base}/ui/#/doctor`);
    await page.locator('.check').first().waitFor();
    expect(await page.locator('.check', { hasText: /daemon/i }).count()).toBeGreaterThanOrEqual(1);
    // The integrity check comes in its own request; its row settles where doctor lists it.
    await page.locator('[data-check="integrity"][data-status="ok"]').waitFor();
    expect(await page.locator('[data-check="integrity"]').count()).toBe(1);
    const ids = await page
      .locator('.check')
      .evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.check));
    expect(ids.slice(0, 2)).toEqual(['store', 'integrity']);
    await v.shot(page, '13-doctor');
  });

  it('shows a prompt a hook records while the session is open, without a reload', async () => {
    await page.goto(`${v.base}/ui/#/s/${v.seeded.work.id}`);
    await page.getByText('Please fix').waitFor();
    const prompt = 'a prompt typed while the viewer watches';
    const hook = spawnSync(process.execPath, [BIN, 'hook', 'claude-code'], {
      env: v.env,
      cwd: v.box.project,
      input: JSON.stringify({
        hook_event_name: 'UserPromptSubmit',
        session_id: LIVE_AGENT_ID,
        cwd: v.box.project,
        transcript_path: `${v.box.home}/no-transcript.jsonl`,
        prompt,
      }),
      encoding: 'utf8',
    });
    expect(hook.status).toBe(0);
    await page.locator('.vlist').evaluate((el: { scrollTop: number; scrollHeight: number }) => {
      el.scrollTop = el.scrollHeight;
    });
    await page.getByText(prompt).waitFor({ timeout: 15_000 });
    await v.shot(page, '14-live-event');
  });
});

async function todosByContent(v: Viewer): Promise<Record<string, string>> {
  const r = await v.api(`/v1/todos?project=${v.seeded.projectId}&status=all`);
  const { todos } = (await r.json()) as { todos: { content: string; status: string }[] };
  return Object.fromEntries(todos.map((t) => [t.content, t.status]));
}
