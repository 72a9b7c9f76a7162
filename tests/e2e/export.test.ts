// The export dialog in real Chromium: from the explorer (files written by the browser, and the
// PDF built by the server) and from the planner view. Each downloaded file is read back and
// compared with what the page holds or what the API answers.
import { beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import Graph from 'graphology';
import { parse as parseGexf } from 'graphology-gexf';
import ExcelJS from 'exceljs';
import { ARTEFACTS, signInPage, useSeededApp } from './browser.js';

const seeded = useSeededApp({ width: 1440, height: 900 });
let page: Page;
let base: string;

beforeAll(async () => {
  ({ page, base } = seeded);
});

const shot = (name: string) => page.screenshot({ path: join(ARTEFACTS, `export-${name}.png`) });
const MONDI = 'enterprise:mondi-syktyvkar';

async function ready() {
  await page.locator('.explorer .sigma[data-state="ready"]').waitFor({ timeout: 20_000 });
  await page.waitForFunction(() => !document.querySelector('.explorer .overlay.loading'), null, { timeout: 20_000 });
}

/** Chooses a format in the open dialog, presses Download and returns the file's bytes and name. */
async function download(format: string, options: { scale?: number } = {}) {
  const dialog = page.getByRole('dialog');
  await dialog.locator(`input[name="export-format"][value="${format}"]`).check();
  if (options.scale) await dialog.locator('[data-field="png-scale"]').selectOption(String(options.scale));
  const [file] = await Promise.all([
    page.waitForEvent('download', { timeout: 60_000 }),
    dialog.locator('[data-action="export-download"]').click(),
  ]);
  const path = join(ARTEFACTS, `export-${file.suggestedFilename()}`);
  await file.saveAs(path);
  await dialog.locator('[data-field="export-done"]').waitFor();
  return { name: file.suggestedFilename(), bytes: readFileSync(path), path };
}

const pdfText = (path: string) => execFileSync('pdftotext', [path, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');

describe('export from the explorer', () => {
  let shown: string[] = [];

  it('opens the dialog from the toolbar with a preview of what will be exported', async () => {
    const around = await (
      await page.request.post(`${base}/api/explore/expand`, { headers: seeded.auth, data: { id: MONDI, limit: 40 } })
    ).json();
    const ids = [MONDI, ...around.nodes.map((n: { id: string }) => n.id)];
    await page.goto(`${base}/#explore?n=${ids.join(',')}&chain=timber`);
    await ready();
    // The nodes the explorer shows: those that pass its filters.
    shown = await page.evaluate(() => {
      const e = window.__coopgraphExplorer!;
      return e.graph.filterNodes((key) => !e.sigma.getNodeDisplayData(key)?.hidden).sort();
    });
    expect(shown.length).toBeGreaterThan(5);
    await page.locator('[data-action="export"]').click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    expect(await dialog.locator('[data-field="export-nodes"]').textContent()).toBe(shown.length.toLocaleString('ru'));
    expect(await dialog.locator('[data-field="export-filters"]').textContent()).toContain(
      'Цепочка: Лесопромышленный комплекс',
    );
    // Focus starts in the dialog.
    expect(await page.evaluate(() => !!document.activeElement?.closest('[role="dialog"]'))).toBe(true);
    await shot('01-dialog');
  });

  it('GEXF written by the browser holds the nodes on screen, as the server writes them for the same view', async () => {
    const { bytes, name } = await download('gexf');
    expect(name).toMatch(/\.gexf$/);
    const g = parseGexf(Graph, bytes.toString('utf8'));
    expect(g.nodes().sort()).toEqual(shown);
    expect(g.getNodeAttribute(MONDI, 'label')).toBe('АО «Монди Сыктывкарский ЛПК»');
    const links = await page.evaluate(() => {
      const e = window.__coopgraphExplorer!;
      return e.graph.filterEdges((key) => !e.sigma.getEdgeDisplayData(key)?.hidden).length;
    });
    expect(g.size).toBe(links);
    const view = await page.evaluate(() => location.hash.slice('#explore?'.length));
    const server = await page.request.get(`${base}/api/export?format=gexf&view=${encodeURIComponent(view)}`);
    const fromServer = parseGexf(Graph, await server.text());
    expect(fromServer.nodes().sort()).toEqual(g.nodes().sort());
    expect(fromServer.size).toBe(g.size);
  });

  it('XLSX with Russian headers and Cyrillic names', async () => {
    const { bytes } = await download('xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const nodes = wb.getWorksheet('Узлы')!;
    expect(nodes.getRow(1).getCell(2).value).toBe('Название');
    expect(nodes.rowCount).toBe(1 + shown.length);
    const names = nodes.getRows(2, shown.length)!.map((r) => r.getCell(2).value);
    expect(names).toContain('АО «Монди Сыктывкарский ЛПК»');
  });

  it('PNG drawn by the browser at the chosen resolution', async () => {
    const { bytes } = await download('png', { scale: 2 });
    expect(bytes.subarray(1, 4).toString('ascii')).toBe('PNG');
    expect(bytes.readUInt32BE(16)).toBe(3200);
    expect(bytes.readUInt32BE(20)).toBe(2000);
  });

  it("the PDF report, built by the server, with the view's figures", async () => {
    const { path } = await download('pdf');
    const text = pdfText(path);
    expect(text).toContain('Граф межрегиональной кооперации');
    expect(text).toContain('Цепочка: Лесопромышленный комплекс');
    expect(text).toContain('Монди Сыктывкарский ЛПК');
    expect(text).toContain('Крупнейшие поставки');
    expect(text).toMatch(/Стр\. 1 из \d+/);
    await shot('02-done');
  });

  it('the title typed in the dialog heads the report and names the file', async () => {
    await page.getByRole('dialog').locator('[data-field="export-title"]').fill('Кооперация вокруг Монди');
    const { path, name } = await download('pdf');
    expect(name).toMatch(/^кооперация-вокруг-монди-\d{4}-\d{2}-\d{2}\.pdf$/);
    expect(pdfText(path)).toContain('Кооперация вокруг Монди');
    await page.getByRole('dialog').locator('[data-field="export-title"]').fill('');
  });

  it('Esc closes the dialog', async () => {
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });
  });
});

describe('export from the planner view', () => {
  it("downloads the report and the tables of Komi's timber gaps", async () => {
    await page.goto(`${base}/#planner?chain=timber&region=11`);
    await page.locator('.stage-card').first().waitFor({ timeout: 20_000 });
    await page.locator('[data-action="planner-export"]').click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    expect(await dialog.locator('[data-field="export-planner"]').textContent()).toContain('Республика Коми');
    await shot('03-planner-dialog');
    const gaps = await (await page.request.get(`${base}/api/gaps?chain=timber&region=11`)).json();

    const { bytes } = await download('xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('Пробелы')!;
    expect(sheet.rowCount).toBe(1 + gaps.stages.length);
    const first = gaps.stages[0];
    expect(sheet.getRow(2).getCell(1).value).toBe(first.name);
    expect(sheet.getRow(2).getCell(2).value).toBe(first.demandMlnRub);
    expect(wb.worksheets.map((w) => w.name)).toContain('Возможности для МСП');

    const { path } = await download('pdf');
    const text = pdfText(path);
    expect(text).toContain('Пробелы цепочки «Лесопромышленный комплекс»: Республика Коми');
    expect(text).toContain('Возможности для МСП');
    expect(text).toContain('доля местных поставок = L / D');
    await shot('04-planner-done');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
  });
});

describe('export for a viewer', () => {
  it('offers only the files the browser writes, says why, and the GEXF still downloads', async () => {
    // A browser context of its own, signed in as a viewer; the helpers above drive `page`.
    const context = await seeded.browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'ru-RU' });
    const admin = page;
    page = await context.newPage();
    try {
      await viewerExports();
    } finally {
      page = admin;
      await context.close();
    }
  });
});

/** The export dialog as a viewer sees it, in `page`. */
async function viewerExports() {
  await signInPage(page, base, seeded.db, 'viewer');
  await page.goto(`${base}/#explore?n=${MONDI},region:11`);
  await ready();
  await page.locator('[data-action="export"]').click();
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  const offered = await dialog
    .locator('input[name="export-format"]')
    .evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));
  // POST /api/export is the planner's: no PDF (the server builds it) for a viewer.
  expect(offered).toEqual(['gexf', 'graphml', 'csv', 'xlsx', 'json', 'svg', 'png']);
  expect(await dialog.locator('[data-field="export-viewer-note"]').textContent()).toContain(
    'доступны роли «планировщик»',
  );
  await shot('05-viewer');
  const { bytes } = await download('gexf');
  const g = parseGexf(Graph, bytes.toString('utf8'));
  expect(g.hasNode(MONDI)).toBe(true);
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
}
