// A planner's journey through Komi's timber chain in Chromium, signed in as a planner: the
// cluster's readiness where revenue is missing says «не определено»; a what-if scenario in which
// a candidate entrant in Komi replaces a buyer's import closes a gap (demand stays, imports fall);
// the
// scenario's PDF report and XLSX tables are downloaded and read back — Russian throughout, no
// codes, no English. The case is found in the seed through the API, not written down here.
import { beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import ExcelJS from 'exceljs';
import { ARTEFACTS, signInPage, useSeededApp } from './browser.js';
import type { CandidateReport, GapReport, Purchases, Readiness, Scenario, WithScenario } from '../../core/schemas.js';

const seeded = useSeededApp({ width: 1440, height: 1000 });
let page: Page;
let base: string;

beforeAll(async () => {
  base = seeded.base;
  page = await seeded.browser.newPage({ viewport: { width: 1440, height: 1000 }, locale: 'ru-RU' });
  await signInPage(page, base, seeded.db, 'planner');
});

const shot = (name: string) =>
  page.screenshot({ path: join(ARTEFACTS, `planner-journey-${name}.png`), fullPage: true });
const api = async <T>(path: string): Promise<T> => {
  const r = await page.request.get(`${base}${path}`);
  if (!r.ok()) throw new Error(`${path}: ${r.status()} ${await r.text()}`);
  return (await r.json()) as T;
};

/** Raw codes a Russian report must not show: rule and role ids, stage and node ids, fractions for shares. */
const CODES =
  /low-local-sourcing|no-local-enterprise|missing-upstream-link|\banchor\b|\bparticipant\b|\bcoordinator\b|timber\.|oilgas\.|enterprise:|hypothetical:|cluster:|region:/;
/**
 * Latin words: a Russian file has none but the one-letter symbols of its formulas (D, L, V) and
 * the names of the product and of its database in the source line.
 */
const PROPER_NAMES = new Set(['coopgraph', 'Neo4j']);
const latinWords = (text: string) =>
  [...new Set(text.match(/[A-Za-z][A-Za-z0-9]+/g) ?? [])].filter((w) => !PROPER_NAMES.has(w));

describe("a planner walks Komi's timber chain", () => {
  let cluster: Readiness;
  let today: GapReport;
  /**
   * The case: a gap stage where a candidate entrant in Komi can take over the largest import of
   * the buyer the candidates block offers, and so close the gap.
   */
  let target: {
    stage: GapReport['stages'][number];
    candidate: CandidateReport['candidates'][number];
    buyer: CandidateReport['buyers'][number];
    purchase: Purchases['purchases'][number];
  };
  let scenario: Scenario;

  it('opens the planner on Komi and the timber chain', async () => {
    await page.goto(`${base}/#planner?chain=timber&region=11`);
    await page.locator('.stage-card').first().waitFor({ timeout: 20_000 });
    await page.locator('[data-block="readiness"] .readiness').first().waitFor({ timeout: 20_000 });
    const id = (await page.locator('[data-planner="cluster"]').inputValue()).replace(/^cluster:/, '');
    cluster = await api<Readiness>(`/api/clusters/${encodeURIComponent(id)}/readiness`);
    today = await api<GapReport>('/api/gaps?chain=timber&region=11');
    await shot('01-opened');
  });

  it('the readiness of a cluster whose anchors have no revenue in the data says «не определено», naming them', async () => {
    const unknown = cluster.checks.dependence.revenueUnknown;
    expect(unknown.length).toBeGreaterThan(0);
    const check = page.locator('[data-block="readiness"] [data-check="dependence"]').first();
    expect(await check.textContent()).toContain('не определено');
    for (const p of unknown) expect(await check.textContent()).toContain(p.name);
    expect(await page.locator('[data-block="readiness"] .readiness').first().textContent()).toContain('не определено');
  });

  it('finds in the seed a gap that a candidate in Komi could close by taking over an import', async () => {
    const threshold = today.lsrThreshold;
    const gaps = today.stages
      .filter((s) => s.gap && s.importedMlnRub > 0)
      .sort((a, b) => b.importedMlnRub - a.importedMlnRub);
    search: for (const stage of gaps) {
      // What the stage's candidates block shows: its first page, and the buyer it offers.
      const report = await api<CandidateReport>(
        `/api/gaps/candidates?region=11&chain=timber&stage=${stage.stage}&limit=10`,
      );
      for (const candidate of report.candidates.filter((c) => c.region === '11')) {
        const buyer = report.buyers.find((b) => b.id !== candidate.id);
        if (!buyer) continue;
        const bought = await api<Purchases>(`/api/scenarios/purchases?buyer=${buyer.id}&stage=${stage.stage}`);
        const purchase = bought.purchases.find((p) => p.imported && p.supplier.id !== candidate.id);
        if (purchase && (stage.localMlnRub + purchase.volumeMlnRub) / stage.demandMlnRub >= threshold) {
          target = { stage, candidate, buyer, purchase };
          break search;
        }
      }
    }
    expect(target, 'the seed has an import a candidate in Komi can take over').toBeDefined();
  });

  it("a scenario in which the candidate replaces the buyer's import: demand stays, the import goes, the gap closes", async () => {
    const { stage, candidate, buyer, purchase } = target;
    await page.locator(`.stage-card[data-stage="${stage.stage}"]`).click();
    const row = page.locator(`[data-candidates="${stage.stage}"] [data-candidate="${candidate.id}"]`);
    await row.waitFor({ timeout: 30_000 });
    await row.locator('[data-action="candidate-scenario"]').click();
    await page.waitForFunction(() => /scenario=[0-9a-f-]{36}/.test(location.hash), undefined, { timeout: 20_000 });
    const id = new URL(page.url().replace('#planner?', '?')).searchParams.get('scenario')!;
    const block = page.locator('[data-block="scenario"]');
    const deal = block.locator('[data-form="link"]');
    await deal.waitFor({ timeout: 20_000 });
    expect(await page.locator('[data-scenario-access]').textContent()).toContain('личный');
    expect(await deal.getByLabel('Поставщик').inputValue()).toBe(`enterprise:${candidate.id}`);
    expect(await deal.getByLabel('Покупатель').inputValue()).toBe(`enterprise:${buyer.id}`);
    // The purchases it can replace are offered, imports first; the largest import is chosen.
    const instead = deal.locator('[data-field="replaces"]');
    await instead.waitFor({ timeout: 20_000 });
    expect(await instead.inputValue()).toBe(`enterprise:${purchase.supplier.id}`);
    await deal.getByLabel('Объём').fill(String(purchase.volumeMlnRub));
    expect(await deal.locator('[data-replaces-note]').textContent()).toContain('спрос не меняется');
    await deal.getByRole('button', { name: 'Добавить' }).click();
    // The item names the supplier it replaces, and how much of its purchase it takes over.
    await block
      .locator('.scenario-items li')
      .first()
      .filter({ hasText: `вместо ${purchase.supplier.name} (` })
      .filter({ hasText: 'замещено' })
      .waitFor({ timeout: 20_000 });
    scenario = await api<Scenario>(`/api/scenarios/${id}`);
    expect(scenario).toMatchObject({ mine: true, shared: false });

    const what = await api<WithScenario<GapReport>>(`/api/gaps?chain=timber&region=11&scenario=${id}`);
    const after = what.stages.find((s) => s.stage === stage.stage)!;
    expect(what.scenario?.replaced).toEqual([{ item: 1, volumeMlnRub: purchase.volumeMlnRub }]);
    expect(after.demandMlnRub).toBeCloseTo(stage.demandMlnRub, 6);
    expect(after.localMlnRub).toBeCloseTo(stage.localMlnRub + purchase.volumeMlnRub, 6);
    expect(after.importedMlnRub).toBeCloseTo(stage.importedMlnRub - purchase.volumeMlnRub, 6);
    expect(after).toMatchObject({ gap: false, rules: [] });
    expect(after.enterprises).toBeGreaterThan(0);
    // The page says so: the stage's row in the comparison, and its card in the chain (the scenario's).
    await block
      .locator(`[data-compare="${stage.stage}"] [data-field="rules"]`)
      .filter({ hasText: /^нет$/ })
      .waitFor({ timeout: 20_000 });
    await page.locator(`.stage-card[data-stage="${stage.stage}"][data-gap="none"]`).waitFor({ timeout: 20_000 });
    await shot('02-scenario');
  });

  it("the scenario's PDF report reads back in Russian: today and the scenario side by side, no codes, no English", async () => {
    await page.locator('[data-action="planner-export"]').click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    expect(await dialog.locator('[data-field="export-planner"]').textContent()).toContain(
      `Сценарий «${scenario.name}»`,
    );
    const { path } = await download('pdf');
    const text = execFileSync('pdftotext', [path, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain(`сценарий «${scenario.name}»`);
    expect(text).toContain('Пробелы — сегодня и в сценарии');
    expect(text).toContain(target.stage.name);
    expect(text).toContain('не определено');
    expect(text).not.toMatch(CODES);
    expect(latinWords(text)).toEqual([]);
  });

  it("the scenario's XLSX reads back in Russian: the gap closed in its row, no codes, no English", async () => {
    const { bytes } = await download('xlsx');
    await page.keyboard.press('Escape');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const gaps = wb.getWorksheet('Пробелы — сегодня и в сценарии')!;
    expect(gaps).toBeDefined();
    let row: ExcelJS.Row | undefined;
    gaps.eachRow((r) => {
      if (r.getCell(1).value === target.stage.name) row = r;
    });
    expect(row, target.stage.name).toBeDefined();
    const cells = (row!.values as unknown[]).slice(1);
    expect(cells[1]).toBe(cells[2]); // demand stays
    expect(cells[8]).toBe('нет'); // no gap in the scenario
    expect(cells[7]).not.toBe('нет'); // a gap today
    // Every sheet in Russian: no codes or English words in any cell of the report's tables, nor in
    // any sheet's headers.
    const texts: string[] = [];
    for (const sheet of wb.worksheets) {
      texts.push(sheet.name);
      sheet.eachRow((r, n) => {
        if (n === 1 || wb.worksheets.indexOf(sheet) >= 2)
          r.eachCell((c) => {
            if (typeof c.value === 'string') texts.push(c.value);
          });
      });
    }
    const all = texts.join('\n');
    expect(all).not.toMatch(CODES);
    expect(latinWords(all)).toEqual([]);
  });

  it('shared with the team, a colleague reads the scenario but changes only a copy of it; unshared, it is gone for them', async () => {
    await page.locator('[data-scenario-share="share"]').click();
    await page.locator('[data-scenario-access="shared"]').waitFor({ timeout: 20_000 });
    const colleague = await seeded.browser.newPage({ viewport: { width: 1440, height: 1000 }, locale: 'ru-RU' });
    try {
      await signInPage(colleague, base, seeded.db, 'planner');
      await colleague.goto(`${base}/#planner?chain=timber&region=11&scenario=${scenario.id}`);
      await colleague.locator('[data-scenario-readonly]').waitFor({ timeout: 20_000 });
      expect(await colleague.locator('[data-scenario-access]').textContent()).toContain('общий для команды');
      expect(
        await colleague
          .locator('[data-planner="scenario"] optgroup[label="Общие сценарии команды"] option')
          .allTextContents(),
      ).toContain(`${scenario.name} (1) — ${scenario.owner}`);
      // What they may not do is not offered: no forms, no removing items, no deleting, no sharing.
      expect(await colleague.locator('[data-block="scenario"] form').count()).toBe(0);
      expect(await colleague.getByRole('button', { name: 'Удалить сценарий' }).count()).toBe(0);
      expect(await colleague.locator('[data-scenario-share]').count()).toBe(0);
      await colleague.getByRole('button', { name: 'Сделать копию' }).click();
      await colleague.waitForFunction((id) => !location.hash.includes(id), scenario.id, { timeout: 20_000 });
      await colleague.locator('[data-scenario-access="private"]').waitFor({ timeout: 20_000 });
      await colleague.locator('[data-block="scenario"] [data-form="link"]').waitFor();
      expect(await colleague.locator('[data-block="scenario"] .scenario-items li').count()).toBe(1);
      // The owner makes it private again: the colleague can no longer read it.
      await page.locator('[data-scenario-share="unshare"]').click();
      await page.locator('[data-scenario-access="private"]').waitFor({ timeout: 20_000 });
      expect((await colleague.request.get(`${base}/api/scenarios/${scenario.id}`)).status()).toBe(404);
    } finally {
      await colleague.close();
    }
  });
});

/** Chooses a format in the open export dialog, presses Download and returns the file. */
async function download(format: string) {
  const dialog = page.getByRole('dialog');
  await dialog.locator(`input[name="export-format"][value="${format}"]`).check();
  const [file] = await Promise.all([
    page.waitForEvent('download', { timeout: 60_000 }),
    dialog.locator('[data-action="export-download"]').click(),
  ]);
  const path = join(ARTEFACTS, `planner-journey-${file.suggestedFilename()}`);
  await file.saveAs(path);
  await dialog.locator('[data-field="export-done"]').waitFor();
  return { bytes: readFileSync(path), path };
}
