// The node's menu in real Chromium: opened on a node at the canvas's bottom-right corner it stays
// inside the canvas (flipped up and left), and it works from the keyboard as a menu does — opened
// from the list of nodes on screen with Shift+F10, arrows between the items, Enter to act,
// Escape to close with focus back where it was.
import { beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ARTEFACTS, nodePoint, useSeededApp } from './browser.js';

const MONDI = 'enterprise:mondi-syktyvkar';
const VIEW = [MONDI, 'enterprise:luzales', 'region:11', 'cluster:c-11-timber', 'technopark:tp-algraf'];

const seeded = useSeededApp({ width: 1280, height: 800 });
let page: Page;
let base: string;

beforeAll(async () => {
  ({ page, base } = seeded);
});

const shot = (name: string) => page.screenshot({ path: join(ARTEFACTS, `node-menu-${name}.png`) });

async function ready() {
  await page.locator('.explorer .sigma[data-state="ready"]').waitFor({ timeout: 20_000 });
  await page.waitForFunction(() => !document.querySelector('.explorer .overlay.loading'), null, { timeout: 20_000 });
}

/** Moves the camera so that `node` is drawn `inset` pixels from the canvas's right and bottom edges. */
async function putInCorner(node: string, inset: number) {
  await page.evaluate(
    ([id, d]) => {
      const s = window.__coopgraphExplorer!.sigma;
      const { width, height } = s.getDimensions();
      const at = s.getNodeDisplayData(id)!;
      const target = s.viewportToFramedGraph({ x: width - d, y: height - d });
      const camera = s.getCamera();
      const state = camera.getState();
      camera.setState({ x: state.x + at.x - target.x, y: state.y + at.y - target.y });
    },
    [node, inset] as const,
  );
  await page.waitForTimeout(300);
}

const focusedItem = () =>
  page.evaluate(() => {
    const el = document.activeElement;
    return el?.getAttribute('role') === 'menuitem' ? el.textContent : `(${el?.tagName} ${el?.className})`;
  });

const menu = () => page.getByRole('menu');

describe('the node menu', () => {
  it('opens inside the canvas at its bottom-right corner, flipped up and left', async () => {
    await page.goto(`${base}/#explore?n=${VIEW.join(',')}&layout=force`);
    await ready();
    await page.waitForTimeout(500);
    await putInCorner(MONDI, 6);
    const p = await nodePoint(page, MONDI);
    const canvas = (await page.locator('.explorer .canvas-wrap').boundingBox())!;
    expect(p.x).toBeGreaterThan(canvas.x + canvas.width - 20);
    expect(p.y).toBeGreaterThan(canvas.y + canvas.height - 20);
    await page.mouse.click(p.x, p.y, { button: 'right' });
    await menu().waitFor();
    const box = (await menu().boundingBox())!;
    // Wholly inside the canvas (and so inside the window), every item visible.
    expect(box.x).toBeGreaterThanOrEqual(canvas.x);
    expect(box.y).toBeGreaterThanOrEqual(canvas.y);
    expect(box.x + box.width).toBeLessThanOrEqual(canvas.x + canvas.width);
    expect(box.y + box.height).toBeLessThanOrEqual(canvas.y + canvas.height);
    // Flipped: it ends where the click was, rather than starting there.
    expect(box.x + box.width).toBeLessThanOrEqual(p.x + 1);
    expect(box.y + box.height).toBeLessThanOrEqual(p.y + 1);
    const last = (await page.getByRole('menuitem', { name: 'Убрать' }).boundingBox())!;
    expect(last.y + last.height).toBeLessThanOrEqual(canvas.y + canvas.height);
    expect(await menu().getAttribute('aria-label')).toContain('Монди');
    await shot('01-corner');
  });

  it('moves between items with the arrows and closes on Escape, keeping the selection', async () => {
    expect(await focusedItem()).toBe('Раскрыть соседей');
    await page.keyboard.press('ArrowDown');
    expect(await focusedItem()).toBe('Раскрыть поставщиков');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    // Wraps round to the last item.
    expect(await focusedItem()).toBe('Убрать');
    await page.keyboard.press('Home');
    expect(await focusedItem()).toBe('Раскрыть соседей');
    await page.keyboard.press('End');
    expect(await focusedItem()).toBe('Убрать');
    const selected = await page.evaluate(() => window.__coopgraphExplorer!.view.selected);
    await page.keyboard.press('Escape');
    await menu().waitFor({ state: 'detached' });
    expect(await page.evaluate(() => window.__coopgraphExplorer!.view.selected)).toBe(selected);
  });

  it('opens from the list of nodes on screen with Shift+F10; Enter acts, Escape returns to the list', async () => {
    await page.getByText('Узлы на экране').click();
    const list = page.getByRole('listbox', { name: 'Узлы на экране' });
    await list.waitFor();
    await list.focus();
    await page.keyboard.type('Монди');
    await page.waitForFunction(() => document.querySelectorAll('.onscreen [role="option"]').length === 1);
    await page.keyboard.press('Shift+F10');
    await menu().waitFor();
    expect(await menu().getAttribute('data-node')).toBe(MONDI);
    expect(await focusedItem()).toBe('Раскрыть соседей');
    await page.keyboard.press('Escape');
    await menu().waitFor({ state: 'detached' });
    expect(await page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('listbox');

    const before = await page.evaluate(() => window.__coopgraphExplorer!.graph.order);
    await page.keyboard.press('Shift+F10');
    await menu().waitFor();
    await page.keyboard.press('ArrowDown');
    expect(await focusedItem()).toBe('Раскрыть поставщиков');
    await page.keyboard.press('Enter');
    await menu().waitFor({ state: 'detached' });
    await page.waitForFunction((n) => window.__coopgraphExplorer!.graph.order > n, before, { timeout: 20_000 });
    await ready();
    // Mondi's suppliers came in, linked into it.
    const suppliers = await page.evaluate(
      (id) => window.__coopgraphExplorer!.graph.filterInEdges(id, (_, a) => a.rel === 'SUPPLIES').length,
      MONDI,
    );
    expect(suppliers).toBeGreaterThan(0);
    await shot('02-keyboard');
  });
});
