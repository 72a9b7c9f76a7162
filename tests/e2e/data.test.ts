// Loading data in Chromium, as an editor: a bad file is checked and every error named by row and
// column with nothing written; good files are checked, then loaded, and the import log shows who
// loaded what; an import running elsewhere is named, and a new one is refused while it runs.
import { beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ARTEFACTS, signInPage, useSeededApp } from './browser.js';

const seeded = useSeededApp({ width: 1280, height: 900 });
let page: Page;
let editor: string;

const ENTERPRISES = [
  'id,inn,name,region,okved,employees,revenue_mln_rub,cluster,cluster_role,technopark,priority_territory',
  'dv-joinery,,ООО «Столярка Ухты»,11,16.23,14,60,,,,false',
  'dv-pellets,,ООО «Пеллеты Сыктывкара»,11,16.29,40,210,,,,true',
].join('\n');
const LINKS = [
  'supplier,buyer,product,okved,volume_mln_rub,since',
  'dv-joinery,dv-pellets,Опилки,16.23,3.5,2021',
  'dv-pellets,dv-nobody,Пеллеты,16.29,12,2022',
  'dv-pellets,dv-joinery,Пеллеты,16.29,-4,2022',
].join('\n');

const counts = async () =>
  (await (await page.request.get(`${seeded.base}/api/health`)).json()).counts as Record<string, number>;
const choose = (files: { name: string; text: string }[]) =>
  page
    .locator('[data-import-files]')
    .setInputFiles(files.map((f) => ({ name: f.name, mimeType: 'text/csv', buffer: Buffer.from(f.text) })));

beforeAll(async () => {
  page = await seeded.browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'ru-RU' });
  editor = await signInPage(page, seeded.base, seeded.db, 'editor');
});

describe('loading data', () => {
  it('an editor has the data tab but not the administration, and sees the seed in the import log', async () => {
    const tabs = await page.locator('.tabs a').allTextContents();
    expect(tabs).toContain('Данные');
    expect(tabs).not.toContain('Администрирование');
    await page.getByRole('link', { name: 'Данные' }).click();
    await page.getByRole('heading', { name: 'Журнал импорта' }).waitFor();
    await page.locator('tr[data-run]').first().waitFor();
    // The seed ran two imports (the Komi organisations and the generated graph).
    expect(await page.locator('tr[data-run="completed"]').count()).toBe(2);
    expect(await page.locator('.run-legend li').count()).toBe(4);
  });

  it('checks a file with bad rows: every error by row and column, nothing written', async () => {
    const before = await counts();
    await choose([
      { name: 'enterprises.csv', text: ENTERPRISES },
      { name: 'связи.csv', text: LINKS },
    ]);
    await page.locator('[data-import-run]').click();
    await page.locator('[data-import-outcome="rejected"]').waitFor();
    const rows = await page
      .locator('[data-import-errors] tbody tr')
      .evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll('td'), (td) => td.textContent)));
    expect(rows).toEqual([
      ['связи.csv', '3', 'buyer', 'предприятие «dv-nobody» не найдено ни в файле, ни в базе'],
      ['связи.csv', '4', 'volume_mln_rub', 'значение не может быть отрицательным: -4'],
    ]);
    expect(await page.locator('[data-import-outcome] [role="alert"]').textContent()).toBe(
      'Ничего не записано: 2 ошибки',
    );
    await page.screenshot({ path: join(ARTEFACTS, 'data-01-rejected.png'), fullPage: true });
    expect(await counts()).toEqual(before);
  });

  it('checks good files without writing, then loads them; the log says who loaded what', async () => {
    const before = await counts();
    await choose([
      { name: 'enterprises.csv', text: ENTERPRISES },
      { name: 'links.csv', text: LINKS.split('\n').slice(0, 2).join('\n') },
    ]);
    await page.locator('[data-import-check]').click();
    await page.locator('[data-import-outcome="ok"]').waitFor();
    expect(await page.locator('[data-import-outcome] .ok').textContent()).toContain('Ошибок нет');
    expect(
      await page.locator('[data-import-outcome] tbody tr').evaluateAll((trs) => trs.map((tr) => tr.textContent)),
    ).toEqual(['enterprises.csvПредприятия2UTF-8, «,»', 'links.csvСвязи1UTF-8, «,»']);
    expect(await counts()).toEqual(before);

    await page.locator('[data-import-run]').click();
    await page.locator('[data-import-outcome="ok"] .ok', { hasText: 'Загружено' }).waitFor();
    expect(await page.locator('[data-import-outcome] .ok').textContent()).toMatch(
      /^Загружено: 2 предприятия, 1 связь, 0 кластеров \(/,
    );
    const after = await counts();
    expect(after.Enterprise).toBe(before.Enterprise + 2);
    expect(after.SUPPLIES).toBe(before.SUPPLIES + 1);
    const newest = page.locator('tr[data-run]').first();
    await newest.locator('td', { hasText: editor }).waitFor();
    expect(await newest.getAttribute('data-run')).toBe('completed');
    expect(await newest.locator('td').nth(2).textContent()).toBe('enterprises.csv, links.csv');
    await page.screenshot({ path: join(ARTEFACTS, 'data-02-loaded.png'), fullPage: true });
  });

  it('names an import running on another server, and refuses a new one while it runs', async () => {
    await seeded.db.write(
      `MERGE (l:ImportLock {id: 'import'})
       SET l.token = 'elsewhere', l.holder = 'server-b pid 4242', l.host = 'server-b', l.pid = 4242,
           l.since = datetime(), l.expiresAt = datetime() + duration('PT10M')`,
    );
    try {
      await page.reload();
      await page.locator('[data-lease]').waitFor();
      expect(await page.locator('[data-lease]').textContent()).toContain('server-b pid 4242');
      await choose([{ name: 'enterprises.csv', text: ENTERPRISES }]);
      await page.locator('[data-import-run]').click();
      // The test app waits 5 s for the lease (IMPORT_WAIT_MS), then refuses.
      await page.locator('[data-import-error]').waitFor({ timeout: 30_000 });
      expect(await page.locator('[data-import-error]').textContent()).toMatch(
        /^Идёт другой импорт \(с \d{4}-\d\d-\d\d \d\d:\d\d UTC, server-b pid 4242\); этот не начат/,
      );
      await page.screenshot({ path: join(ARTEFACTS, 'data-03-busy.png'), fullPage: true });
    } finally {
      await seeded.db.write("MATCH (l:ImportLock {id: 'import'}) SET l.token = null, l.expiresAt = null");
    }
  });
});
