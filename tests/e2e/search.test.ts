// The app in real Chromium against the built client and a seeded Neo4j: health badge, search in
// Russian and Latin, details with the synthetic-data notice, language switch, keyboard.
import { beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ARTEFACTS, useSeededApp } from './browser.js';

const seeded = useSeededApp({ width: 1280, height: 800 });
let page: Page;
let base: string;

beforeAll(async () => {
  ({ page, base } = seeded);
});

const shot = (name: string) => page.screenshot({ path: join(ARTEFACTS, `search-${name}.png`) });

describe('search in the browser', () => {
  it('opens in Russian with Neo4j reported healthy', async () => {
    await page.goto(`${base}/#search`);
    await page.getByRole('status').filter({ hasText: 'Neo4j 5.26' }).waitFor();
    expect(await page.locator('h1').textContent()).toContain('граф межрегиональной кооперации');
    await shot('01-start');
  });

  for (const query of ['Монди', 'монди', 'Mondi']) {
    it(`finds Mondi Syktyvkar by «${query}»`, async () => {
      const box = page.getByRole('searchbox');
      await box.fill(query);
      const hit = page.locator('[data-id="enterprise:mondi-syktyvkar"]');
      await hit.waitFor({ timeout: 10_000 });
      expect(await hit.textContent()).toContain('Республика Коми');
    });
  }

  it('shows the details of a chosen hit in plain language, with the note on invented links', async () => {
    await page.locator('[data-id="enterprise:mondi-syktyvkar"]').click();
    const details = page.locator('.details');
    await details.waitFor();
    expect(await details.locator('h2').textContent()).toMatch(/Монди/);
    await details.getByText('Республика Коми (11)').waitFor();
    const text = await details.textContent();
    expect(text).toContain('крупное');
    expect(text).toContain('Производство целлюлозы');
    expect(text).toContain('Связи поставок этой организации в демонстрационных данных вымышлены');
    await shot('02-details');
  });

  it('marks a synthetic enterprise as such', async () => {
    await page.getByRole('searchbox').fill('Лесовоз');
    await page.locator('.hits button[data-id^="enterprise:"]', { hasText: 'Лесовоз' }).first().click();
    await page.getByText('Синтетические данные: показатели и связи вымышлены').waitFor();
  });

  it('shows a cluster with its kind and registry status in words', async () => {
    await page.getByRole('searchbox').fill('деревообрабатывающие кластеры Коми');
    await page.locator('[data-id="cluster:c-11-timber"]').click();
    const details = page.locator('.details');
    await details.getByText('подал заявку в реестр').waitFor();
    expect(await details.textContent()).toContain('промышленный');
    await shot('03-cluster');
  });

  it('switches to English and back, and Esc clears the selection', async () => {
    await page.getByRole('button', { name: 'EN' }).click();
    expect(await page.locator('h1').textContent()).toContain('inter-regional cooperation graph');
    expect(await page.locator('.details .kind').textContent()).toBe('Cluster');
    await page.locator('.details').getByText('applied to the registry').waitFor();
    await shot('04-english');
    await page.keyboard.press('Escape');
    await page.locator('.details').waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'RU' }).click();
  });

  it('says so when nothing matches, and `/` focuses the search box', async () => {
    await page.locator('h1').click();
    await page.keyboard.press('/');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('type'))).toBe('search');
    await page.keyboard.type('Щщщзззыыы');
    await page.getByText('Ничего не найдено').waitFor();
    await shot('05-nothing');
  });
});
