// "Who could fill the gap" in Chromium: a planner opens the timber chain for Komi on the seed,
// picks a gap, sees the candidate SMEs the API ranks (with their components and Russian plurals),
// opens one in the graph, adds one to a what-if scenario as a contract's supplier, downloads the
// list, and meets the empty and the error states. Screenshots at 1280 px wide in test-results/.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { BrowserContext, Page } from 'playwright-core';
import { ARTEFACTS, signInPage, useSeededApp } from './browser.js';
import type { CandidateReport, GapReport, Purchases, Scenario } from '../../core/schemas.js';

const seeded = useSeededApp({ width: 1440, height: 1000 });
let context: BrowserContext;
let page: Page;
let base: string;

beforeAll(async () => {
  base = seeded.base;
  // A planner of its own, at 1280 px: the width a laptop gives the app.
  context = await seeded.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'ru-RU' });
  page = await context.newPage();
  await signInPage(page, base, seeded.db, 'planner');
});
afterAll(async () => {
  await context?.close();
});

const shot = (name: string, fullPage = false) =>
  page.screenshot({ path: join(ARTEFACTS, `candidates-${name}.png`), fullPage });
const api = async <T>(path: string): Promise<T> => {
  const r = await page.request.get(`${base}${path}`);
  expect(r.status(), path).toBe(200);
  return (await r.json()) as T;
};
const candidatesOf = (stage: string, limit = 10) =>
  api<CandidateReport>(`/api/gaps/candidates?region=11&chain=timber&stage=${stage}&limit=${limit}`);

/** The Russian form of «кандидат» for n, by the rules of the language (not by Intl). */
function kandidat(n: number): string {
  const d = n % 10;
  const dd = n % 100;
  if (d === 1 && dd !== 11) return `${n} кандидат`;
  if (d >= 2 && d <= 4 && (dd < 12 || dd > 14)) return `${n} кандидата`;
  return `${n} кандидатов`;
}

describe('candidate entrants in the planner', () => {
  let gaps: GapReport;
  let stage: string;
  let report: CandidateReport;

  it('a gap of Komi’s timber chain lists the SMEs the API ranks, in its order, with the components', async () => {
    gaps = await api<GapReport>('/api/gaps?chain=timber&region=11');
    // A gap with candidates in Komi itself.
    for (const s of gaps.stages.filter((x) => x.gap)) {
      const r = await candidatesOf(s.stage);
      if (r.regions[0].candidates > 0) {
        stage = s.stage;
        report = r;
        break;
      }
    }
    expect(stage).toBeTruthy();
    await page.goto(`${base}/#planner?chain=timber&region=11`);
    await page.locator(`.stage-card[data-stage="${stage}"]`).click();
    const block = page.locator(`[data-candidates="${stage}"]`);
    await block.locator('.candidate').first().waitFor({ timeout: 30_000 });
    expect(await block.locator('h3').textContent()).toBe('Кто может закрыть разрыв');

    const rows = await block.locator('[data-candidate]').evaluateAll((els) =>
      els.map((e) => ({
        id: e.getAttribute('data-candidate'),
        evidence: e.getAttribute('data-evidence'),
        score: e.querySelector('.score')?.textContent,
      })),
    );
    expect(rows.map((r) => r.id)).toEqual(report.candidates.map((c) => c.id));
    expect(rows.map((r) => r.evidence)).toEqual(report.candidates.map((c) => c.evidence.kind));
    expect(rows.map((r) => r.score)).toEqual(
      report.candidates.map((c) => c.score.toLocaleString('ru', { maximumFractionDigits: 1 })),
    );
    // The count with its Russian plural, and how many are in Komi.
    const summary = await block.locator('.candidates-summary').textContent();
    expect(summary).toContain(kandidat(report.total));
    expect(summary).toContain(`в регионе — ${report.regions[0].candidates}`);

    // The first candidate's components, as the API gives them.
    const first = report.candidates[0];
    const card = block.locator(`[data-candidate="${first.id}"]`);
    expect(await card.locator('.candidate-name b').textContent()).toBe(first.name);
    const kinds = {
      active: 'основной вид деятельности',
      declared: 'дополнительный вид деятельности',
      adjacent: 'смежный этап',
    };
    expect(await card.locator('.evidence-kind').textContent()).toBe(kinds[first.evidence.kind]);
    if (first.evidence.code) expect(await card.locator('.evidence code').textContent()).toBe(first.evidence.code);
    expect(await card.locator('.candidate-figures').textContent()).toContain(first.inRegion ? 'в регионе' : 'км');
    const E = await card.locator('[data-component="evidence"]').textContent();
    expect(E).toBe(`E ${first.components.evidence.points.toLocaleString('ru', { maximumFractionDigits: 1 })}`);
    expect(await card.locator('.candidate-ties').getAttribute('data-partners')).toBe(String(first.ties.partners));
    expect(await block.locator('[data-method]').textContent()).toContain('каждый партнёр считается один раз');
    await block.scrollIntoViewIfNeeded();
    await shot('01-gap-candidates');
    await page.locator('[data-block="chain"]').screenshot({ path: join(ARTEFACTS, 'candidates-01-chain-block.png') });
  });

  it('shows more on request, ranks continuing', async () => {
    const block = page.locator(`[data-candidates="${stage}"]`);
    if (report.total <= 10) {
      expect(await block.locator('[data-action="candidates-more"]').count()).toBe(0);
      return;
    }
    await block.locator('[data-action="candidates-more"]').click();
    const expected = Math.min(report.total, 30);
    await page.waitForFunction(([sel, n]) => document.querySelectorAll(sel).length === n, [
      `[data-candidates="${stage}"] [data-candidate]`,
      expected,
    ] as const);
    const all = await candidatesOf(stage, 30);
    const ids = await block
      .locator('[data-candidate]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-candidate')));
    expect(ids).toEqual(all.candidates.map((c) => c.id));
  });

  it('«Открыть в графе» opens the candidate and its partners in the explorer', async () => {
    const first = report.candidates[0];
    await page.locator(`[data-candidate="${first.id}"] [data-action="candidate-graph"]`).click();
    await page.locator('.explorer .sigma[data-state="ready"]').waitFor({ timeout: 30_000 });
    const nodes = await page.evaluate(() => window.__coopgraphExplorer!.graph.nodes().sort());
    expect(nodes).toEqual([first.id, ...first.ties.list.map((p) => p.id)].map((id) => `enterprise:${id}`).sort());
    expect(page.url()).toContain(`sel=enterprise:${first.id}`);
    await page.goBack();
    await page.locator(`[data-candidates="${stage}"] .candidate`).first().waitFor({ timeout: 30_000 });
  });

  it('«Добавить в сценарий» makes a scenario whose contract form has the candidate as supplier', async () => {
    const first = report.candidates[0];
    await page.locator(`[data-candidate="${first.id}"] [data-action="candidate-scenario"]`).click();
    await page.waitForFunction(() => /scenario=[0-9a-f-]{36}/.test(location.hash), undefined, { timeout: 20_000 });
    const id = new URL(page.url().replace('#planner?', '?')).searchParams.get('scenario')!;
    const form = page.locator('[data-block="scenario"] [data-form="link"]');
    await form.waitFor({ timeout: 20_000 });
    expect(await form.getAttribute('data-prefill')).toBe(`enterprise:${first.id}`);
    expect(await form.getByLabel('Поставщик').inputValue()).toBe(`enterprise:${first.id}`);
    expect(await form.getByLabel('Этап').inputValue()).toBe(stage);
    // The largest buyer at the stage in Komi, other than the candidate itself.
    const buyer = report.buyers.find((b) => b.id !== first.id);
    expect(await form.getByLabel('Покупатель').inputValue()).toBe(buyer ? `enterprise:${buyer.id}` : '');
    if (!buyer) await form.getByLabel('Покупатель').selectOption({ index: 1 });
    // The contract replaces the buyer's largest import at the stage, if it has one.
    const chosenBuyer = (await form.getByLabel('Покупатель').inputValue()).replace(/^enterprise:/, '');
    const bought = await api<Purchases>(`/api/scenarios/purchases?buyer=${chosenBuyer}&stage=${stage}`);
    const largestImport = bought.purchases.find((p) => p.imported && p.supplier.id !== first.id);
    if (largestImport)
      expect(await form.locator('[data-field="replaces"]').inputValue()).toBe(
        `enterprise:${largestImport.supplier.id}`,
      );
    // The volume is the user's, and the cursor waits in it.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Объём');
    await shot('02-scenario-prefilled');
    await form.getByLabel('Объём').fill('12.5');
    await form.getByRole('button', { name: 'Добавить' }).click();
    const item = page.locator('[data-block="scenario"] .scenario-items li').first();
    await item.waitFor({ timeout: 20_000 });
    await item.filter({ hasText: first.name }).waitFor({ timeout: 20_000 });
    expect(await item.textContent()).not.toContain(`enterprise:${first.id}`);
    const s = await api<Scenario>(`/api/scenarios/${id}`);
    expect(s.name).toContain(': кандидаты');
    expect(s.items).toEqual([
      {
        kind: 'link',
        supplier: `enterprise:${first.id}`,
        buyer: buyer ? `enterprise:${buyer.id}` : expect.stringMatching(/^enterprise:/),
        stage,
        volumeMlnRub: 12.5,
        replaces: largestImport ? `enterprise:${largestImport.supplier.id}` : null,
      },
    ]);
    await shot('03-scenario-added');
    page.once('dialog', (d) => d.accept());
    await page.getByRole('button', { name: 'Удалить сценарий' }).click();
    await page.waitForFunction(() => !location.hash.includes('scenario='));
  });

  it('downloads the list as XLSX, in Russian, in the API’s order', async () => {
    const block = page.locator(`[data-candidates="${stage}"]`);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      block.locator('[data-action="candidates-xlsx"]').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^кандидаты-.*\.xlsx$/);
    const path = join(ARTEFACTS, 'candidates.xlsx');
    await download.saveAs(path);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path);
    const sheet = wb.getWorksheet('Кандидаты')!;
    const names: unknown[] = [];
    let header = 0;
    sheet.eachRow((row, n) => {
      if (row.getCell(1).value === '№') header = n;
      else if (header && n > header) names.push(row.getCell(2).value);
    });
    const full = await api<CandidateReport>(`/api/gaps/candidates?region=11&chain=timber&stage=${stage}&limit=500`);
    expect(names).toEqual(full.candidates.map((c) => c.name));
  });

  it('an empty state when no SME fits, an error in Russian when the server fails', async () => {
    let empty: string | undefined;
    for (const s of gaps.stages) {
      if ((await candidatesOf(s.stage)).total === 0) {
        empty = s.stage;
        break;
      }
    }
    if (empty) {
      await page.locator(`.stage-card[data-stage="${empty}"]`).click();
      const block = page.locator(`[data-candidates="${empty}"]`);
      await block.locator('[data-candidates-empty]').waitFor({ timeout: 20_000 });
      await block.scrollIntoViewIfNeeded();
      expect(await block.locator('[data-candidates-empty]').textContent()).toMatch(
        /^Нет МСП с подходящими кодами ОКВЭД ни в регионе, ни в ближайших регионах \(до 8 регионов в радиусе 1\s000 км\)\.$/,
      );
      await shot('04-empty');
    }
    await page.route('**/api/gaps/candidates?*', (route) =>
      route.fulfill({
        status: 503,
        contentType: 'application/json',
        body: JSON.stringify({
          error: 'neo4j_unavailable',
          message: 'The graph database is unavailable; retry shortly.',
        }),
      }),
    );
    const other = gaps.stages.find((s) => s.stage !== stage && s.stage !== empty)!.stage;
    await page.locator(`.stage-card[data-stage="${other}"]`).click();
    const error = page.locator(`[data-candidates="${other}"] [data-candidates-error]`);
    await error.waitFor({ timeout: 30_000 });
    await error.scrollIntoViewIfNeeded();
    expect(await error.textContent()).toBe('База данных графа недоступна — повторите попытку чуть позже.');
    await shot('05-error');
    await page.unroute('**/api/gaps/candidates?*');
  });

  it('speaks English when asked: the heading, the count and the evidence', async () => {
    await page.locator(`.stage-card[data-stage="${stage}"]`).click();
    const block = page.locator(`[data-candidates="${stage}"]`);
    await block.locator('.candidate').first().waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: 'EN' }).click();
    await block.getByRole('heading', { name: 'Who could fill the gap' }).waitFor();
    const n = report.total;
    expect(await block.locator('.candidates-summary').textContent()).toContain(`${n} candidate${n === 1 ? '' : 's'}`);
    const kinds = { active: 'main activity', declared: 'additional activity', adjacent: 'adjacent stage' };
    expect(await block.locator('.evidence-kind').first().textContent()).toBe(kinds[report.candidates[0].evidence.kind]);
    await block.scrollIntoViewIfNeeded();
    await shot('06-english');
    await page.getByRole('button', { name: 'RU' }).click();
  });
});
