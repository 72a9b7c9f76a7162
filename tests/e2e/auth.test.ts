// Sign-in in Chromium: the sign-in page, a wrong password, roles in the header, sign-out.
import { beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ARTEFACTS, signInPage, useSeededApp } from './browser.js';

const seeded = useSeededApp({ width: 1280, height: 800 });
let page: Page;

beforeAll(async () => {
  ({ page } = seeded);
});

describe('signing in', () => {
  it('signs out to the sign-in page, which names a wrong password and shows nothing of the data', async () => {
    await page.locator('[data-sign-out]').click();
    await page.getByRole('heading', { name: 'Вход' }).waitFor();
    expect(await page.locator('.tabs').count()).toBe(0);
    // The old session is over on the server too.
    expect((await page.request.get(`${seeded.base}/api/search?q=Монди`)).status()).toBe(401);
    await page.getByLabel('Имя пользователя').fill('nobody');
    await page.getByLabel('Пароль').fill('not the password');
    await page.getByRole('button', { name: 'Войти' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').textContent()).toBe('Неверное имя пользователя или пароль');
    await page.screenshot({ path: join(ARTEFACTS, 'auth-01-sign-in.png') });
  });

  it('the page is served with a strict Content-Security-Policy, without CORS, and the sign-in page works under it', async () => {
    const response = await page.request.get(`${seeded.base}/`);
    const csp = response.headers()['content-security-policy'];
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(response.headers()['access-control-allow-origin']).toBeUndefined();
    // Every view the tests drive reports what the policy blocked; the check runs at close.
    expect(seeded.cspViolations).toEqual([]);
  });

  it('a viewer sees the graph but not the gap analysis, in the tabs or by its address', async () => {
    const name = await signInPage(page, seeded.base, seeded.db, 'viewer');
    expect(await page.locator('.user-menu').textContent()).toContain(`${name} · просмотр`);
    const tabs = await page.locator('.tabs a').allTextContents();
    expect(tabs).toEqual(['Обзор', 'Граф', 'Поиск']);
    await page.goto(`${seeded.base}/#planner?chain=timber&region=11`);
    await page.getByText('Анализ пробелов доступен роли «планировщик» и выше.').waitFor();
    expect((await page.request.get(`${seeded.base}/api/gaps?chain=timber&region=11`)).status()).toBe(403);
    await page.screenshot({ path: join(ARTEFACTS, 'auth-02-viewer.png') });
  });

  it('saves a view, and its link restores it after the graph was cleared', async () => {
    await page.goto(`${seeded.base}/#explore?x=region:11`);
    await page.locator('.explorer .sigma[data-state="ready"]').waitFor({ timeout: 20_000 });
    const before = await page.evaluate(() => window.__coopgraphExplorer!.graph.nodes().sort());
    expect(before.length).toBeGreaterThan(1);
    await page.locator('[data-action="views"]').click();
    await page.getByLabel('Название вида').fill('Коми — соседи');
    await page.getByRole('button', { name: 'Сохранить текущий вид' }).click();
    const link = page.locator('.saved-views-panel li a', { hasText: 'Коми — соседи' });
    await link.waitFor();
    await page.screenshot({ path: join(ARTEFACTS, 'auth-03-saved-view.png') });
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Очистить' }).click();
    await page.waitForFunction(() => window.__coopgraphExplorer!.graph.order === 0);
    await page.locator('[data-action="views"]').click();
    await link.click();
    await page.waitForFunction((n) => window.__coopgraphExplorer!.graph.order === n, before.length, {
      timeout: 20_000,
    });
    expect(await page.evaluate(() => window.__coopgraphExplorer!.graph.nodes().sort())).toEqual(before);
  });
});
