// Datasets in Chromium, as an editor: the Data view lists the demo seed and a user's file with
// their counts in words, and removing the demo seed — by keyboard, through its confirmation —
// leaves the user's file alone in the list and in the graph.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { importFiles, importOptions } from '../../server/import/index.js';
import { createT } from '../../core/i18n/index.js';
import type { DatasetList } from '../../core/schemas.js';
import { testSettings } from '../helpers.js';
import { ARTEFACTS, signInPage, useSeededApp } from './browser.js';

const seeded = useSeededApp({ width: 1280, height: 900 });
const t = createT('ru');
let page: Page;
let fileDataset: string;

async function datasets(): Promise<DatasetList['datasets']> {
  const r = await page.request.get(`${seeded.base}/api/datasets`);
  expect(r.status()).toBe(200);
  return ((await r.json()) as DatasetList).datasets;
}
const health = async () =>
  (await (await page.request.get(`${seeded.base}/api/health`)).json()).counts as Record<string, number>;

beforeAll(async () => {
  // A user's file beside the seed: two enterprises of its own and the link between them.
  const dir = mkdtempSync(join(tmpdir(), 'coopgraph-e2e-datasets-'));
  writeFileSync(
    join(dir, 'enterprises.csv'),
    [
      'id,inn,name,region,okved,employees,revenue_mln_rub,cluster,cluster_role,technopark,priority_territory',
      'e2e-ds-mill,,ООО «Своя Лесопилка»,29,16.10,20,90,,,,false',
      'e2e-ds-board,,ООО «Свои Плиты»,29,16.21,60,400,,,,false',
    ].join('\n'),
  );
  writeFileSync(
    join(dir, 'links.csv'),
    ['supplier,buyer,product,okved,volume_mln_rub,since', 'e2e-ds-mill,e2e-ds-board,Щепа,16.10,4,2023'].join('\n'),
  );
  const report = await importFiles(
    seeded.db,
    ['enterprises.csv', 'links.csv'].map((f) => ({ path: join(dir, f) })),
    { ...importOptions(testSettings()), user: 'e2e-loader' },
  );
  expect(report.errors).toEqual([]);
  fileDataset = report.dataset!;
  page = await seeded.browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'ru-RU' });
  await signInPage(page, seeded.base, seeded.db, 'editor');
});
afterAll(async () => {
  await page?.close();
});

describe('datasets in the Data view', () => {
  it('lists the demo seed and the user’s file with translated names and counts in words', async () => {
    await page.getByRole('link', { name: 'Данные' }).click();
    await page.getByRole('heading', { name: 'Наборы данных' }).waitFor();
    const seedRow = page.locator('tr[data-dataset="seed"]');
    await seedRow.waitFor();
    const listed = await datasets();
    const seed = listed.find((d) => d.id === 'seed')!;
    expect(listed.map((d) => d.id).sort()).toEqual([fileDataset, 'seed'].sort());

    expect(await seedRow.locator('th').first().textContent()).toContain('Демонстрационные данные');
    expect(await seedRow.locator('td').first().textContent()).toBe('демонстрационный');
    expect(await seedRow.locator('[data-field="counts"]').textContent()).toBe(
      [
        t('count_enterprises', { count: seed.counts.enterprises }),
        t('count_links', { count: seed.counts.links }),
        t('count_clusters', { count: seed.counts.clusters }),
      ].join(', '),
    );
    expect(await seedRow.locator('.dataset-status').textContent()).toBe('загружен');

    const fileRow = page.locator(`tr[data-dataset="${fileDataset}"]`);
    expect(await fileRow.locator('th').first().textContent()).toBe('enterprises.csv, links.csv');
    expect(await fileRow.locator('td').first().textContent()).toBe('файлы пользователя');
    // «2 предприятия, 1 связь»: Russian plural forms.
    expect(await fileRow.locator('[data-field="counts"]').textContent()).toBe('2 предприятия, 1 связь');
    expect(await fileRow.textContent()).toContain('e2e-loader');
  });

  it('removes the demo seed by keyboard after a confirmation that says what goes', async () => {
    const before = await health();
    const seed = (await datasets()).find((d) => d.id === 'seed')!;
    const ask = page.getByRole('button', { name: 'Удалить набор «Демонстрационные данные»' });
    await ask.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('alertdialog');
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain(
      `не больше чем ${t('count_enterprises', { count: seed.counts.enterprises })}`,
    );
    // The keyboard lands on «Отмена»; Escape closes the question and returns to the button.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Отмена');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-action'))).toBe('remove');
    expect(await health()).toEqual(before);

    // Asked again, «Да, удалить» is one Shift+Tab away. The answer is held back a moment, so the
    // removal's progress shows with the buttons disabled.
    await page.keyboard.press('Enter');
    await dialog.waitFor();
    await page.screenshot({ path: join(ARTEFACTS, 'datasets-01-confirm.png'), fullPage: true });
    await page.route('**/api/datasets/seed', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 800));
      await route.continue();
    });
    await page.keyboard.press('Shift+Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Да, удалить');
    await page.keyboard.press('Enter');
    await page.locator('[data-removing]').waitFor();
    expect(await page.locator('[data-action="remove-confirm"]').isDisabled()).toBe(true);
    expect(await page.locator(`tr[data-dataset="${fileDataset}"] [data-action="remove"]`).isDisabled()).toBe(true);

    const outcome = page.locator('[data-removed="seed"]');
    await outcome.waitFor({ timeout: 60_000 });
    await page.unroute('**/api/datasets/seed');
    expect(await outcome.textContent()).toContain(
      `Набор «Демонстрационные данные» удалён. Удалено: ${t('count_enterprises', { count: seed.counts.enterprises })}`,
    );
    await page.locator('tr[data-dataset="seed"]').waitFor({ state: 'detached' });
    await page.screenshot({ path: join(ARTEFACTS, 'datasets-02-removed.png'), fullPage: true });

    // Left: the user's file, alone in the list and in the graph.
    expect((await datasets()).map((d) => d.id)).toEqual([fileDataset]);
    expect(await page.locator('tr[data-dataset]').count()).toBe(1);
    expect(await health()).toMatchObject({ Enterprise: 2, SUPPLIES: 1, Cluster: 0, Technopark: 0, SupportOrg: 0 });
    expect(
      await seeded.db.read('MATCH (e:Enterprise)-[l:SUPPLIES]->() RETURN e.id AS id, l.datasets AS datasets'),
    ).toEqual([{ id: 'e2e-ds-mill', datasets: [fileDataset] }]);
  });
});
