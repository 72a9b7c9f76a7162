// Loading an FNS register ZIP from the Data view in Chromium, as an editor: the upload starts a
// load in the server, the page shows its progress (documents, rate, time left) and a stop button;
// a stopped load says so; a small dump with bad documents ends with its report and the documents
// set aside, by part and document, in Russian.
import { beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import type { Page } from 'playwright-core';
import {
  encodePart,
  partName,
  partXml,
  registerDocumentXml,
  writeRegisterZip,
  type RegisterSubject,
} from '../../seed/fns/generate.js';
import { completeInn } from '../../core/reference.js';
import { ARTEFACTS, signInPage, useSeededApp } from './browser.js';

const seeded = useSeededApp({ width: 1280, height: 900 });
let page: Page;
const tmp = mkdtempSync(join(tmpdir(), 'coopgraph-fns-e2e-'));

function org(inn: string, over: Partial<RegisterSubject> = {}): RegisterSubject {
  return {
    docId: `00000000-0000-4000-8000-${inn.padStart(12, '0').slice(-12)}`,
    enteredAt: '01.08.2016',
    kind: 1,
    category: 2,
    isNew: 2,
    social: 2,
    headcount: 40,
    inn,
    ogrn: completeInn('110199001') + '000',
    org: { name: `ОБЩЕСТВО С ОГРАНИЧЕННОЙ ОТВЕТСТВЕННОСТЬЮ "ЛЕС ${inn}"`, short: `ООО "ЛЕС ${inn}"` },
    fio: null,
    region: '11',
    regionPlace: null,
    locality: null,
    okvedMain: { code: '16.10', name: 'Распиловка', version: '2014' },
    okvedExtra: [],
    licences: [],
    products: [],
    programmes: [],
    contracts: [],
    ...over,
  };
}

const GOOD = [completeInn('119090001'), completeInn('119090002'), completeInn('119090003')];
/** An organisation's INN with a wrong check digit. */
const BAD_INN = GOOD[0].slice(0, 9) + String((Number(GOOD[0][9]) + 1) % 10);

/** A small dump: three good organisations, one bad INN, one unknown region. */
function smallDump(): Buffer {
  const good = GOOD;
  const bad = BAD_INN;
  const docs = [
    org(good[0], {
      programmes: [
        { customerInn: '7706107510', customerName: 'ПАО "НК "РОСНЕФТЬ"', number: 'ПП-7', date: '01.02.2024' },
      ],
    }),
    org(good[1], { okvedMain: { code: '02.20', name: 'Лесозаготовки', version: '2014' } }),
    org(bad),
    org(good[2], { region: '11' }),
    org(completeInn('119090004'), { region: '99' }),
  ].map((s) => registerDocumentXml(s, '4.05', '10.02.2026'));
  const name = partName('register', '10.02.2026', '3f6c1a52-0c1e-4d0b-9a77-5d3e2b9f0a11');
  const xml = partXml({ kind: 'register', name, version: '4.05', declaredDocuments: docs.length, documents: docs });
  return Buffer.from(zipSync({ [name]: encodePart(xml) }));
}

const choose = (name: string, buffer: Buffer) =>
  page.locator('[data-import-files]').setInputFiles([{ name, mimeType: 'application/zip', buffer }]);

beforeAll(async () => {
  page = await seeded.browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'ru-RU' });
  await signInPage(page, seeded.base, seeded.db, 'editor');
  await page.getByRole('link', { name: 'Данные' }).click();
  await page.getByRole('heading', { name: 'Журнал импорта' }).waitFor();
});

describe('an FNS register from the Data view', () => {
  it('shows the progress of a large load and stops it on request', async () => {
    const big = join(tmp, 'data-10032026-structure-10062025.zip');
    await writeRegisterZip(big, { documents: 60_000, regions: ['11'], stateDate: '2026-03-10', perPart: 900 });
    await choose('data-10032026-structure-10062025.zip', readFileSync(big));
    // A ZIP offers the register's filters.
    await page.locator('[data-register-options]').waitFor();
    await page.locator('[data-register-regions]').fill('11');
    await page.locator('[data-import-run]').click();
    const progress = page.locator('[data-register-progress]');
    await progress.waitFor({ timeout: 60_000 });
    // Documents counted up, a rate and the time left.
    await page.waitForFunction(
      () =>
        Number(document.querySelector('[data-register-documents]')?.getAttribute('data-register-documents')) >= 2_000,
      undefined,
      { timeout: 120_000 },
    );
    const text = await progress.textContent();
    expect(text).toMatch(/Загрузка архива ФНС/);
    expect(text).toMatch(/\d[\d\s\u00a0]* документ(а|ов)? \/ ~60[\s\u00a0]000/);
    expect(text).toMatch(/док\.\/с/);
    expect(text).toMatch(/осталось|оценка оставшегося времени/);
    expect(await page.locator('progress').first().getAttribute('value')).not.toBe('0');
    await page.screenshot({ path: join(ARTEFACTS, 'register-01-progress.png'), fullPage: true });

    await page.locator('[data-register-cancel]').click();
    await page.locator('[data-register-outcome="cancelled"]').waitFor({ timeout: 120_000 });
    expect(await page.locator('[data-register-outcome]').textContent()).toContain('Загрузка остановлена');
    // The import log lists it as stopped.
    await page.locator('tr[data-run] .run-status', { hasText: 'Остановлен' }).first().waitFor({ timeout: 20_000 });
    await page.screenshot({ path: join(ARTEFACTS, 'register-02-cancelled.png'), fullPage: true });
  });

  it('loads a small dump and shows the report with the documents set aside', async () => {
    await choose('data-10022026-structure-10062025.zip', smallDump());
    await page.locator('[data-register-regions]').fill('');
    await page.locator('[data-import-run]').click();
    const outcome = page.locator('[data-register-outcome="completed"]');
    await outcome.waitFor({ timeout: 120_000 });
    expect(await outcome.locator('.ok').textContent()).toMatch(/^Загрузка завершена/);
    const counts = await page
      .locator('[data-register-counts] tr')
      .evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll('td'), (td) => td.textContent)));
    expect(counts).toEqual([
      ['Прочитано документов', '5'],
      ['Вне выбранных регионов и цепочек', '0'],
      ['Создано предприятий', '3'],
      ['Обновлено предприятий', '0'],
      ['Связей с заказчиками', '1'],
      ['Заказчиков, известных только по связям', '1'],
      ['Выбыли из реестра', '0'],
    ]);
    expect(await outcome.locator('h3').textContent()).toContain('отложено 2 документа');
    const rows = await page
      .locator('[data-register-set-aside] tbody tr')
      .evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll('td'), (td) => td.textContent)));
    expect(rows.map((r) => [r[1], r[2]])).toEqual([
      ['3', 'неверная контрольная сумма ИНН'],
      ['5', 'неизвестный код региона «99»'],
    ]);
    // The part by the start and the end of its name (the whole name on hover), and the ИдДок.
    const bad = BAD_INN;
    expect(rows[0][0]).toBe(`VO_RRMSPSV_…-5d3e2b9f0a11.xml00000000-0000-4000-8000-00${bad}`);
    expect(await page.locator('[data-register-set-aside] tbody td.part-name').first().getAttribute('title')).toBe(
      'VO_RRMSPSV_0000_9965_20260210_3f6c1a52-0c1e-4d0b-9a77-5d3e2b9f0a11.xml',
    );
    await page.screenshot({ path: join(ARTEFACTS, 'register-03-report.png'), fullPage: true });

    // The explorer's search finds a loaded subject.
    const hits = await (
      await page.request.get(`${seeded.base}/api/search?q=${encodeURIComponent(completeInn('119090002'))}`)
    ).json();
    expect(hits.hits[0]?.id).toBe(`enterprise:fns-${completeInn('119090002')}`);
  });
});
