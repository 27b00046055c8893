/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// What the viewer must never do, and whom it must not leave out, in real Chromium: hostile
// transcript content (HTML, script, javascript: and data: links) shows as text and runs nothing
// under a strict Content-Security-Policy that the page itself never trips; without the login
// cookie nothing is shown; the pages work from the keyboard alone, read in a narrow window, and
// keep text contrast of at least 4.5:1 in both themes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { chromiumPath, startViewer } from './harness.js';
import type { Viewer } from './harness.js';

const needChromium = !chromiumPath() && process.env.CI !== 'true';
let v: Viewer;

/** Collects dialogs and CSP violations from the first script on. */
async function watched(page: Page): Promise<{ dialogs: string[] }> {
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.addInitScript(() => {
    const w = window as unknown as { __violations: string[] };
    w.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      w.__violations.push(`${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  return { dialogs };
}

const focusedText = (page: Page) =>
  page.evaluate(
    () =>
      (document.activeElement as { textContent: string | null } | null)?.textContent?.trim() ?? '',
  );

async function tabTo(page: Page, text: string | RegExp, max = 60): Promise<void> {
  for (let i = 0; i < max; i += 1) {
    await page.keyboard.press('Tab');
    const now = await focusedText(page);
    if (typeof text === 'string' ? now === text : text.test(now)) return;
  }
  throw new Error(`Tab never reached ${String(text)}`);
}

describe.skipIf(needChromium)('the web viewer stays safe and usable', () => {
  beforeAll(async () => {
    v = await startViewer();
  });
  afterAll(async () => v?.close());

  it('shows hostile transcript content as inert text', async () => {
    const page = await v.browser.newPage();
    const { dialogs } = await watched(page);
    const response = await page.goto(await v.loginUrl());
    const csp = response?.headers()['content-security-policy'] ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
    expect(response?.headers()['x-content-type-options']).toBe('nosniff');
    await page.goto(`${v.base}/ui/#/s/${v.seeded.hostile.id}`);
    await page
      .getByText('<script>window.__pwned=2;alert(2)</script>')
      .filter({ visible: true })
      .first()
      .waitFor();
    await page.getByRole('button', { name: /<img src=x/ }).click();
    await page.getByText('<iframe src="javascript:alert(7)"></iframe>').last().waitFor();
    for (const link of await page.getByText('click me').all()) await link.click();
    await page.waitForTimeout(300);
    const inside = await page.evaluate(() => {
      const app = document.getElementById('app')!;
      const all = [...app.querySelectorAll('*')];
      return {
        pwned: (window as unknown as { __pwned?: number }).__pwned ?? null,
        violations: (window as unknown as { __violations: string[] }).__violations,
        risky: app.querySelectorAll('script, iframe, img, object, embed').length,
        onAttributes: all.filter((el) => [...el.attributes].some((a) => /^on/i.test(a.name)))
          .length,
        badLinks: [...app.querySelectorAll('a')].filter(
          (a) => !/^(https?:|mailto:|#)/.test(a.getAttribute('href') ?? ''),
        ).length,
      };
    });
    expect(inside).toEqual({ pwned: null, violations: [], risky: 0, onAttributes: 0, badLinks: 0 });
    expect(dialogs).toEqual([]);
    await v.shot(page, '15-hostile-inert');
    await page.close();
  });

  it('shows nothing without the login cookie', async () => {
    const page = await v.browser.newPage();
    const api = await page.goto(`${v.base}/ui/api/v1/projects`);
    expect(api?.status()).toBe(401);
    await page.goto(`${v.base}/ui/`);
    await page.getByRole('heading', { name: 'Not logged in' }).waitFor();
    await v.shot(page, '16-logged-out');
    await page.close();
  });

  it('works from the keyboard alone: skip link, navigation, opening a session, unfolding a call', async () => {
    const page = await v.loggedIn();
    await page.getByRole('link', { name: v.seeded.projectName, exact: true }).waitFor();
    await page.keyboard.press('Tab');
    expect(await focusedText(page)).toBe('Skip to content');
    await tabTo(page, v.seeded.projectName);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Sessions' }).waitFor();
    await tabTo(page, 'Fix the cart totals');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Fix the cart totals' }).waitFor();
    await tabTo(page, /^▸ Edit src\/cart\.ts$/);
    await page.keyboard.press('Enter');
    const fold = page.getByRole('button', { name: /Edit src\/cart\.ts/ });
    expect(await fold.getAttribute('aria-expanded')).toBe('true');
    await page.keyboard.press('Space');
    expect(await fold.getAttribute('aria-expanded')).toBe('false');
    const outline = await page.evaluate(
      () => getComputedStyle(document.activeElement!).outlineStyle,
    );
    expect(outline).not.toBe('none');
    await page.close();
  });

  it('reads in a narrow window and in both themes with text contrast of at least 4.5:1', async () => {
    const page = await v.loggedIn();
    await page.setViewportSize({ width: 390, height: 800 });
    for (const theme of ['light', 'dark']) {
      await page.evaluate((t) => localStorage.setItem('baton-theme', t), theme);
      for (const [name, hash] of [
        ['projects', '#/projects'],
        ['session', `#/s/${v.seeded.work.id}`],
        ['todos', `#/p/${v.seeded.projectId}/todos`],
      ] as const) {
        await page.goto(`${v.base}/ui/${hash}`);
        await page.reload();
        await page.locator('main h1').first().waitFor();
        expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe(theme);
        const overflow = await page.evaluate(
          () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
        );
        const wide = await page.evaluate(() =>
          [...document.querySelectorAll('body *')]
            .filter(
              (el) => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1,
            )
            .map((el) => `${el.tagName}.${el.className}`)
            .slice(0, 5)
            .join(' '),
        );
        expect(overflow, `${name} in ${theme} scrolls sideways: ${wide}`).toBeLessThanOrEqual(1);
        expect(await lowestContrast(page), `${name} in ${theme}`).toBeGreaterThanOrEqual(4.5);
        await v.shot(page, `17-narrow-${theme}-${name}`);
      }
    }
    await page.close();
  });
});

/** The lowest contrast between the text of visible elements and the page's background. */
function lowestContrast(page: Page): Promise<number> {
  return page.evaluate(() => {
    const rgb = (c: string) => (c.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number);
    const lum = (c: string) => {
      const [r = 0, g = 0, b = 0] = rgb(c).map((v) => {
        const s = v / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    const ratio = (a: string, b: string) => {
      const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x) as [number, number];
      return (hi + 0.05) / (lo + 0.05);
    };
    const bgOf = (el: Element | null): string => {
      for (let e = el; e; e = e.parentElement) {
        const bg = getComputedStyle(e).backgroundColor;
        if (bg && !/rgba\(.*, 0\)$/.test(bg) && bg !== 'transparent') return bg;
      }
      return getComputedStyle(document.body).backgroundColor;
    };
    let lowest = 21;
    for (const el of document.querySelectorAll('main *, header *, nav *')) {
      const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent!.trim());
      if (!own || !(el as HTMLElement).offsetParent || el.closest('.sr-only, svg')) continue;
      lowest = Math.min(lowest, ratio(getComputedStyle(el).color, bgOf(el)));
    }
    return lowest;
  });
}
