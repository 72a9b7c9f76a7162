// Accessibility in real Chromium, at the width of a laptop (1280 px): axe-core, the accessibility
// engine, run on every view in the states an analyst sees (a graph loaded, the search list, the
// list of nodes on screen, the export dialog, gaps with candidates and a scenario, data, datasets,
// administration, search, the sign-in page) finds no critical or serious violation; the canvas
// can be used from the keyboard through the list of the nodes on screen; and no view is wider
// than the window at 1280 and 1440 px. Screenshots in test-results/a11y-*.png.
import { beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import axe from 'axe-core';
import type { Page } from 'playwright-core';
import { ARTEFACTS, useSeededApp } from './browser.js';
import type { GapReport } from '../../core/schemas.js';

const seeded = useSeededApp({ width: 1280, height: 800 });
let page: Page;
let base: string;

beforeAll(async () => {
  ({ page, base } = seeded);
});

const MONDI = 'enterprise:mondi-syktyvkar';
const shot = (name: string, p = page) => p.screenshot({ path: join(ARTEFACTS, `a11y-${name}.png`) });

interface AxeNode {
  target: unknown[];
  failureSummary?: string;
}
interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  helpUrl: string;
  nodes: AxeNode[];
}

/**
 * Runs axe-core on the page as it is and returns its critical and serious violations, each with
 * the elements and why, so that a failing test says what to fix. axe is evaluated through the
 * DevTools protocol: an inline <script> would be refused by the app's Content-Security-Policy.
 */
async function axeViolations(p: Page): Promise<string[]> {
  await p.evaluate(axe.source);
  const violations = await p.evaluate(async () => {
    const result = await (window as unknown as { axe: typeof axe }).axe.run(document, {
      resultTypes: ['violations'],
    });
    return result.violations as unknown as AxeViolation[];
  });
  return violations
    .filter((v) => v.impact === 'critical' || v.impact === 'serious')
    .map(
      (v) =>
        `[${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})\n` +
        v.nodes
          .map((n) => `    ${n.target.join(' ')}\n      ${(n.failureSummary ?? '').replace(/\n/g, '\n      ')}`)
          .join('\n'),
    );
}

async function expectAccessible(name: string, p = page) {
  await shot(name, p);
  const found = await axeViolations(p);
  expect(found, `axe-core on ${name}:\n${found.join('\n')}`).toEqual([]);
}

/** Mondi and its neighbours, as the explorer shows them from its address. */
async function openGraph() {
  const response = await page.request.post(`${base}/api/explore/expand`, {
    headers: seeded.auth,
    data: { id: MONDI, limit: 40 },
  });
  expect(response.status(), await response.text()).toBe(200);
  const around = await response.json();
  const ids = [MONDI, ...around.nodes.map((n: { id: string }) => n.id)];
  await page.goto(`${base}/#explore?n=${ids.join(',')}`);
  await page.locator('.explorer .sigma[data-state="ready"]').waitFor({ timeout: 20_000 });
  await page.waitForFunction(() => !document.querySelector('.explorer .overlay.loading'), null, { timeout: 20_000 });
  return ids;
}

describe('axe-core finds no critical or serious violation', () => {
  it('on the sign-in page', async () => {
    const context = await seeded.browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'ru-RU' });
    try {
      const guest = await context.newPage();
      await guest.goto(base);
      await guest.getByLabel('Имя пользователя').waitFor();
      await expectAccessible('login', guest);
    } finally {
      await context.close();
    }
  });

  it('on the overview', async () => {
    await page.goto(`${base}/#overview`);
    await page.locator('.sigma[data-state="ready"]').waitFor({ timeout: 20_000 });
    await expectAccessible('overview');
  });

  it('in the explorer with a graph, its search list, the nodes on screen and a node menu open', async () => {
    await openGraph();
    await expectAccessible('explorer');
    const box = page.getByRole('combobox', { name: 'Название, ИНН или код ОКВЭД (нажмите /)' });
    await box.fill('Монди');
    await page.locator(`#explorer-hits [data-id="${MONDI}"]`).waitFor({ timeout: 10_000 });
    await expectAccessible('explorer-search');
    await page.keyboard.press('Escape');
    await page.locator('.onscreen summary').click();
    await page.locator('.onscreen [role="option"]').first().waitFor();
    await expectAccessible('explorer-onscreen');
    await page.locator('.onscreen summary').click();
    // The node's menu (right click).
    const canvas = (await page.locator('.explorer .sigma').boundingBox())!;
    const at = await page.evaluate((id) => {
      const s = window.__coopgraphExplorer!.sigma;
      return s.framedGraphToViewport(s.getNodeDisplayData(id)!);
    }, MONDI);
    await page.mouse.click(canvas.x + at.x, canvas.y + at.y, { button: 'right' });
    await page.getByRole('menu').waitFor();
    await expectAccessible('explorer-menu');
    await page.keyboard.press('Escape');
    await page.getByRole('menu').waitFor({ state: 'detached' });
  });

  it('with the export dialog open', async () => {
    await page.locator('[data-action="export"]').click();
    await page.getByRole('dialog').waitFor();
    await expectAccessible('export-dialog');
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });
  });

  it('in the planner: a gap with its candidates, the heat map, and a scenario', async () => {
    const gaps = (await (await page.request.get(`${base}/api/gaps?chain=timber&region=11`)).json()) as GapReport;
    const gap = gaps.stages.find((s) => s.gap)!;
    await page.goto(`${base}/#planner?chain=timber&region=11`);
    await page.locator(`.stage-card[data-stage="${gap.stage}"]`).click();
    await page.locator(`[data-candidates="${gap.stage}"] .candidate`).first().waitFor({ timeout: 30_000 });
    await page.locator('.heatmap td').first().waitFor({ timeout: 20_000 });
    await expectAccessible('planner');
    await page.locator('[data-scenario-new]').click();
    await page.locator('[data-scenario-name]').fill('Проверка доступности');
    await page.keyboard.press('Enter');
    await page.locator('[data-block="scenario"] .scenario-editor').waitFor({ timeout: 20_000 });
    await expectAccessible('planner-scenario');
  });

  it('in the list search with a hit chosen', async () => {
    await page.goto(`${base}/#search`);
    await page.getByRole('searchbox').fill('Монди');
    await page.locator(`[data-id="${MONDI}"]`).click();
    await page.locator('.details h2').waitFor();
    await expectAccessible('search');
  });

  it('in the data view (import, log and datasets)', async () => {
    await page.goto(`${base}/#data`);
    await page.getByRole('heading', { name: 'Наборы данных' }).waitFor();
    await page.locator('tr[data-dataset="seed"]').waitFor({ timeout: 20_000 });
    await expectAccessible('data');
  });

  it('in the administration', async () => {
    await page.goto(`${base}/#admin`);
    await page.getByRole('heading', { name: 'Учётные записи' }).waitFor();
    await page.locator('table tbody tr').first().waitFor();
    await expectAccessible('admin');
  });
});

describe('the canvas from the keyboard', () => {
  it('Tab reaches the list of nodes on screen; arrows and Enter select a node and bring it into view', async () => {
    const ids = await openGraph();
    // From the last toolbar button on, as a keyboard user comes.
    await page.locator('[data-action="export"]').focus();
    const focused = () =>
      page.evaluate(() => {
        const a = document.activeElement;
        return a?.matches('.onscreen summary') ? 'summary' : a?.matches('.onscreen [role="listbox"]') ? 'list' : '';
      });
    for (let i = 0; i < 10 && (await focused()) !== 'summary'; i++) await page.keyboard.press('Tab');
    expect(await focused()).toBe('summary');
    await page.keyboard.press('Enter');
    // The list is rendered when the details open: a Tab pressed before that passes it by.
    await page.locator('.onscreen [role="listbox"]').waitFor();
    for (let i = 0; i < 4 && (await focused()) !== 'list'; i++) await page.keyboard.press('Tab');
    expect(await focused()).toBe('list');

    // The list holds the nodes sigma draws inside the canvas.
    const listed = await page.locator('.onscreen [role="option"]').evaluateAll((els) => els.map((e) => e.dataset.id!));
    const onScreen = await page.evaluate(() => {
      const { graph, sigma } = window.__coopgraphExplorer!;
      const { width, height } = sigma.getDimensions();
      return graph.filterNodes((n) => {
        const d = sigma.getNodeDisplayData(n);
        if (!d || d.hidden) return false;
        const p = sigma.framedGraphToViewport(d);
        return p.x >= 0 && p.y >= 0 && p.x <= width && p.y <= height;
      });
    });
    expect(listed.length).toBeGreaterThan(2);
    expect([...listed].sort()).toEqual([...onScreen].sort());
    expect(listed.every((id) => ids.includes(id))).toBe(true);

    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    const target = await page.evaluate(() => {
      const list = document.querySelector('.onscreen [role="listbox"]')!;
      const active = document.getElementById(list.getAttribute('aria-activedescendant')!)!;
      // The keyboard's place is visible: an outline drawn around the active option.
      return { id: active.dataset.id!, outline: getComputedStyle(active).outlineStyle };
    });
    expect(target.id).toBe(listed[2]);
    expect(target.outline).not.toBe('none');
    await page.keyboard.press('Enter');
    await page.waitForFunction((id) => window.__coopgraphExplorer?.view.selected === id, target.id);
    // The camera moves to it: once it settles, the node sits near the middle of the canvas.
    await page.waitForTimeout(700);
    const where = await page.evaluate((id) => {
      const { sigma } = window.__coopgraphExplorer!;
      const p = sigma.framedGraphToViewport(sigma.getNodeDisplayData(id)!);
      return { ...p, ...sigma.getDimensions() };
    }, target.id);
    expect(where.x).toBeGreaterThan(0);
    expect(where.x).toBeLessThan(where.width);
    expect(where.y).toBeGreaterThan(0);
    expect(where.y).toBeLessThan(where.height);
    expect(Math.abs(where.x - where.width / 2)).toBeLessThan(where.width / 4);
    expect(Math.abs(where.y - where.height / 2)).toBeLessThan(where.height / 4);
    expect(await page.locator(`.onscreen [role="option"][data-id="${target.id}"]`).getAttribute('aria-selected')).toBe(
      'true',
    );
    await shot('keyboard-selected');
  });

  it('typing in the list filters it by name', async () => {
    const first = (await page.locator('.onscreen [role="option"]').first().textContent())!;
    const word = first
      .replace(/[«»"]/g, ' ')
      .split(/\s+/)
      .find((w) => w.length >= 4)!;
    // Real key presses of a Russian layout (Playwright's own typing inserts Cyrillic as text,
    // without the keydown events a person's keyboard sends).
    const cdp = await page.context().newCDPSession(page);
    for (const key of word.slice(0, 4).toLowerCase()) {
      await cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', key, text: key });
      await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key });
    }
    await cdp.detach();
    expect(await page.locator('.onscreen input[type="search"]').inputValue()).toBe(word.slice(0, 4).toLowerCase());
    const names = await page.locator('.onscreen [role="option"]').allTextContents();
    expect(names.length).toBeGreaterThan(0);
    for (const n of names) expect(n.toLowerCase().replaceAll('ё', 'е')).toContain(word.slice(0, 4).toLowerCase());
    await page.keyboard.press('Backspace');
    expect(await page.locator('.onscreen input[type="search"]').inputValue()).toBe(word.slice(0, 3).toLowerCase());
  });
});

describe('the list of nodes on screen on a bigger graph', () => {
  it('shows at most 100 names and says, in Russian plurals, how many more are on screen', async () => {
    const ids = new Set<string>();
    // Regions with their enterprises, until the view holds well over 100 nodes.
    for (const code of [11, 29, 78, 35, 10, 77, 50, 66, 24, 54, 16, 2]) {
      if (ids.size > 200) break;
      const id = `region:${code}`;
      const r = await page.request.post(`${base}/api/explore/expand`, {
        headers: seeded.auth,
        data: { id, limit: 200 },
      });
      if (r.status() === 404) continue;
      expect(r.status(), await r.text()).toBe(200);
      ids.add(id);
      for (const n of (await r.json()).nodes as { id: string }[]) ids.add(n.id);
    }
    // From another view: the explorer reads its address when it opens.
    await page.goto(`${base}/#search`);
    await page.goto(`${base}/#explore?n=${[...ids].join(',')}`);
    await page.locator('.explorer .sigma[data-state="ready"]').waitFor({ timeout: 30_000 });
    await page.locator('.onscreen summary').click();
    await page.locator('.onscreen [role="option"]').first().waitFor();
    const onScreen = await page.evaluate(() => {
      const { graph, sigma } = window.__coopgraphExplorer!;
      const { width, height } = sigma.getDimensions();
      return graph.filterNodes((n) => {
        const d = sigma.getNodeDisplayData(n);
        const p = d && !d.hidden ? sigma.framedGraphToViewport(d) : null;
        return !!p && p.x >= 0 && p.y >= 0 && p.x <= width && p.y <= height;
      }).length;
    });
    expect(onScreen).toBeGreaterThan(100);
    expect(await page.locator('.onscreen [role="option"]').count()).toBe(100);
    const rest = onScreen - 100;
    const [d, dd] = [rest % 10, rest % 100];
    const noun = d === 1 && dd !== 11 ? 'узел' : d >= 2 && d <= 4 && (dd < 12 || dd > 14) ? 'узла' : 'узлов';
    expect(await page.locator('.onscreen .more').textContent()).toBe(
      `ещё ${rest.toLocaleString('ru')} ${noun} не в списке — уточните фильтр`,
    );
    await shot('onscreen-capped');
  });
});

describe('layouts that hold at 1280 px', () => {
  /** What sticks out: elements inside `main` wider than their box where they do not scroll. */
  const overflowing = () =>
    page.evaluate(() => {
      const out: string[] = [];
      const d = document.documentElement;
      if (d.scrollWidth > d.clientWidth) out.push(`document ${d.scrollWidth} > ${d.clientWidth}`);
      for (const el of document.querySelectorAll<HTMLElement>('.stage-card, .planner-block, .chain-column')) {
        if (el.scrollWidth > el.clientWidth + 1)
          out.push(`${el.className} ${el.dataset.stage ?? ''} ${el.scrollWidth} > ${el.clientWidth}`);
      }
      for (const card of document.querySelectorAll<HTMLElement>('.stage-card')) {
        const column = card.parentElement!.getBoundingClientRect();
        const box = card.getBoundingClientRect();
        if (box.right > column.right + 1) out.push(`${card.dataset.stage} sticks out of its column`);
      }
      return out;
    });

  for (const width of [1280, 1440]) {
    it(`at ${width} px the planner's cards fit their columns and no view scrolls sideways`, async () => {
      await page.setViewportSize({ width, height: 800 });
      try {
        await page.goto(`${base}/#planner?chain=timber&region=11`);
        for (const [chain, name] of [
          ['timber', 'Лесопромышленный комплекс'],
          ['oilgas', 'Нефтегазовый комплекс'],
        ]) {
          await page.getByRole('radio', { name, exact: true }).click();
          await page.waitForFunction((c) => location.hash.includes(`chain=${c}`), chain);
          await page.locator(`.stage-card[data-stage^="${chain}."]`).first().waitFor({ timeout: 20_000 });
          await page.locator('.stage-card[data-gap]:not([data-gap="none"])').first().click();
          await page.locator('[data-opportunity]').first().waitFor({ timeout: 20_000 });
          await page.locator('.heatmap td').first().waitFor({ timeout: 20_000 });
          expect(await page.locator('.stage-card').count()).toBeGreaterThan(5);
          expect(await overflowing(), `${chain} at ${width}`).toEqual([]);
          await page.screenshot({ path: join(ARTEFACTS, `a11y-planner-${chain}-${width}.png`), fullPage: true });
        }
        for (const view of ['overview', 'explore', 'search', 'data', 'admin']) {
          await page.goto(`${base}/#${view}`);
          await page.locator('main').first().waitFor();
          await page.waitForTimeout(500);
          expect(await overflowing(), `${view} at ${width}`).toEqual([]);
          await page.screenshot({ path: join(ARTEFACTS, `a11y-${view}-${width}.png`) });
        }
      } finally {
        await page.setViewportSize({ width: 1280, height: 800 });
      }
    });
  }
});
