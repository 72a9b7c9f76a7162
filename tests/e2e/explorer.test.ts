// The explorer in real Chromium against the built client and a seeded Neo4j, driven as an analyst
// would: search, expand, filter, lay out, find a path, reload, go back. Each step checks the graph
// state the page holds (nodes, attributes, positions, what sigma hides) and keeps a screenshot.
import { beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ARTEFACTS, useSeededApp } from './browser.js';

const seeded = useSeededApp({ width: 1440, height: 900 });
let page: Page;
let base: string;

beforeAll(async () => {
  ({ page, base } = seeded);
});

const shot = (name: string) => page.screenshot({ path: join(ARTEFACTS, `explorer-${name}.png`) });
const MONDI = 'enterprise:mondi-syktyvkar';
/** The explorer's search: an ARIA combobox (the input owns its list of hits). */
const searchBox = () => page.getByRole('combobox', { name: 'Название, ИНН или код ОКВЭД (нажмите /)' });

interface NodeState {
  key: string;
  kind: string;
  x: number;
  y: number;
  category: string | null;
  stages: string[];
  hidden: boolean;
  label: string;
}
async function graphState() {
  return page.evaluate(() => {
    const e = window.__coopgraphExplorer!;
    const nodes = e.graph.mapNodes((key, a) => ({
      key,
      kind: a.kind,
      x: a.x,
      y: a.y,
      category: a.category,
      stages: a.stages,
      label: a.label,
      hidden: !!e.sigma.getNodeDisplayData(key)?.hidden,
    }));
    const edges = e.graph.mapEdges((key, a, source, target) => ({
      key,
      rel: a.rel,
      source,
      target,
      color: e.sigma.getEdgeDisplayData(key)?.color,
    }));
    return { nodes, edges, view: e.view, path: e.path, camera: e.sigma.getCamera().getState() };
  });
}
const ids = (nodes: NodeState[]) => nodes.map((n) => n.key).sort();

/** Waits until the explorer has drawn its graph after the last change. */
async function ready() {
  await page.locator('.explorer .sigma[data-state="ready"]').waitFor({ timeout: 20_000 });
  await page.waitForFunction(() => !document.querySelector('.explorer .overlay.loading'), null, { timeout: 20_000 });
}

/** The viewport position of a node, for real mouse clicks on the canvas. */
async function nodePoint(id: string) {
  const box = (await page.locator('.explorer .sigma').boundingBox())!;
  const p = await page.evaluate((node) => {
    const s = window.__coopgraphExplorer!.sigma;
    return s.framedGraphToViewport(s.getNodeDisplayData(node)!);
  }, id);
  return { x: box.x + p.x, y: box.y + p.y };
}

describe('explorer in the browser', () => {
  it('opens empty with a hint, from the header tab', async () => {
    await page.goto(base);
    await page.getByRole('link', { name: 'Граф' }).click();
    expect(page.url()).toMatch(/#explore$/);
    await page.locator('.explorer .sigma[data-state="empty"]').waitFor();
    await page.getByText('Найдите предприятие, кластер или регион').waitFor();
    await shot('01-empty');
  });

  for (const query of ['монди', 'Mondi', 'Монди']) {
    it(`autocompletes Mondi Syktyvkar from «${query}»`, async () => {
      const box = searchBox();
      await box.fill(query);
      const hit = page.locator(`#explorer-hits [data-id="${MONDI}"]`);
      await hit.waitFor({ timeout: 10_000 });
      expect(await hit.textContent()).toContain('Республика Коми');
    });
  }

  it('choosing the hit loads Mondi with its neighbours, selects it and centres the camera on it', async () => {
    await searchBox().press('ArrowDown');
    await searchBox().press('ArrowUp');
    const hits = await page
      .locator('#explorer-hits li')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-id')));
    if (hits[0] !== MONDI) await page.locator(`#explorer-hits [data-id="${MONDI}"]`).click();
    else await searchBox().press('Enter');
    await ready();
    await page.waitForFunction((id) => window.__coopgraphExplorer?.view.selected === id, MONDI);
    await page.waitForTimeout(600); // the camera animation
    const s = await graphState();
    const expected = await (
      await page.request.post(`${base}/api/explore/expand`, { headers: seeded.auth, data: { id: MONDI, limit: 200 } })
    ).json();
    expect(ids(s.nodes)).toEqual([...new Set([MONDI, ...expected.nodes.map((n: { id: string }) => n.id)])].sort());
    expect(s.nodes.length).toBeGreaterThan(5);
    const display = await page.evaluate((id) => window.__coopgraphExplorer!.sigma.getNodeDisplayData(id), MONDI);
    expect(s.camera.x).toBeCloseTo(display!.x, 2);
    expect(s.camera.y).toBeCloseTo(display!.y, 2);
    await page.locator('.selected-node h2', { hasText: 'Монди' }).waitFor();
    await page.locator('[data-partners="in"] li').first().waitFor();
    await shot('02-mondi');
  });

  it('expanding from the context menu shows Mondi’s suppliers, linked into it', async () => {
    const p = await nodePoint(MONDI);
    await page.mouse.click(p.x, p.y, { button: 'right' });
    await page.getByRole('menuitem', { name: 'Раскрыть поставщиков' }).click();
    await ready();
    const expected = await (
      await page.request.post(`${base}/api/explore/expand`, {
        headers: seeded.auth,
        data: { id: MONDI, rel: ['SUPPLIES'], dir: 'in', limit: 200 },
      })
    ).json();
    expect(expected.total).toBeGreaterThanOrEqual(7);
    const s = await graphState();
    const suppliers = new Set(s.edges.filter((e) => e.rel === 'SUPPLIES' && e.target === MONDI).map((e) => e.source));
    for (const n of expected.nodes as { id: string }[]) if (n.id !== MONDI) expect(suppliers.has(n.id)).toBe(true);
    expect(suppliers.has('enterprise:s-11-0004')).toBe(true);
    await shot('03-suppliers');
  });

  it('double-clicking a supplier expands it too, and Undo takes that back', async () => {
    const before = ids((await graphState()).nodes);
    const p = await nodePoint('enterprise:s-11-0004');
    await page.mouse.dblclick(p.x, p.y);
    await ready();
    await page.waitForFunction((n) => window.__coopgraphExplorer!.graph.order > n, before.length);
    const after = await graphState();
    expect(after.nodes.map((n) => n.key)).toContain('enterprise:s-11-0001');
    await page.getByRole('button', { name: 'Отменить' }).click();
    await page.waitForFunction((n) => window.__coopgraphExplorer!.graph.order === n, before.length);
    expect(ids((await graphState()).nodes)).toEqual(before);
    // And once more, to keep s-11-0001 for the path below (the layout moved it when undoing).
    const again = await nodePoint('enterprise:s-11-0004');
    await page.mouse.dblclick(again.x, again.y);
    await ready();
    await page.waitForFunction(() => window.__coopgraphExplorer!.graph.hasNode('enterprise:s-11-0001'));
  });

  it('the SME filter hides every large enterprise and nothing else', async () => {
    await page.getByRole('button', { name: 'Только МСП' }).click();
    await page.waitForFunction(() => window.__coopgraphExplorer!.view.filters.sizes.length === 3);
    const s = await graphState();
    const large = s.nodes.filter((n) => n.kind === 'enterprise' && n.category === 'large');
    const smes = s.nodes.filter(
      (n) => n.kind === 'enterprise' && ['micro', 'small', 'medium'].includes(n.category ?? ''),
    );
    expect(large.length).toBeGreaterThan(0);
    expect(smes.length).toBeGreaterThan(0);
    for (const n of large) expect(n.hidden).toBe(true);
    for (const n of s.nodes.filter((x) => !large.includes(x))) expect(n.hidden).toBe(false);
    expect(await page.locator('[data-field="shown"]').textContent()).toBe(String(s.nodes.length - large.length));
    await shot('04-sme-filter');
    await page.getByRole('button', { name: 'Только МСП' }).click();
    await page.waitForFunction(() => window.__coopgraphExplorer!.view.filters.sizes.length === 0);
  });

  it('the chain layout orders the stages left to right', async () => {
    await page.getByRole('radio', { name: 'Цепочка' }).click();
    await page.waitForFunction(() => window.__coopgraphExplorer!.view.layout === 'chain');
    const reference = await (await page.request.get(`${base}/api/reference`)).json();
    const order = new Map<string, number>();
    for (const c of reference.chains) for (const st of c.stages) order.set(st.id, st.order);
    const s = await graphState();
    const placed = s.nodes
      .filter((n) => n.kind === 'enterprise' && n.stages.some((x) => x.startsWith('timber.')))
      .map((n) => ({
        n,
        order: Math.min(...n.stages.filter((x) => x.startsWith('timber.')).map((x) => order.get(x)!)),
      }));
    expect(new Set(placed.map((p) => p.order)).size).toBeGreaterThan(1);
    for (const a of placed)
      for (const b of placed) {
        if (a.order < b.order) expect(a.n.x).toBeLessThan(b.n.x);
        if (a.order === b.order) expect(a.n.x).toBe(b.n.x);
      }
    await page.getByRole('button', { name: 'Весь граф' }).click();
    await page.waitForTimeout(500);
    await shot('05-chain-layout');
  });

  it('a supply path from an SME to the anchor is found and highlighted', async () => {
    const from = 'enterprise:s-11-0001';
    const api = await (
      await page.request.get(`${base}/api/explore/path?from=${from}&to=${MONDI}&directed=true`)
    ).json();
    expect(api.found).toBe(true);
    await page.mouse.click((await nodePoint(from)).x, (await nodePoint(from)).y, { button: 'right' });
    await page.getByRole('menuitem', { name: 'Путь отсюда' }).click();
    const m = await nodePoint(MONDI);
    await page.mouse.click(m.x, m.y, { button: 'right' });
    await page.getByRole('menuitem', { name: 'Путь сюда' }).click();
    await page.locator('[data-field="path-length"]').waitFor();
    const s = await graphState();
    expect(s.path.nodes).toEqual(api.nodes.map((n: { id: string }) => n.id));
    expect(s.path.nodes[0]).toBe(from);
    expect(s.path.nodes.at(-1)).toBe(MONDI);
    expect(Number(await page.locator('[data-field="path-length"]').textContent())).toBe(api.length);
    for (const e of s.edges) {
      if (s.path.edges.includes(e.key)) expect(e.color).toBe('#d62728');
      else expect(e.color).not.toBe('#d62728');
    }
    // Consecutive path nodes are linked by supply in the supply direction.
    for (let i = 0; i + 1 < s.path.nodes.length; i++) {
      expect(
        s.edges.some(
          (e) => s.path.edges.includes(e.key) && e.source === s.path.nodes[i] && e.target === s.path.nodes[i + 1],
        ),
      ).toBe(true);
    }
    await shot('06-path');
  });

  it('reloading the URL restores the view: nodes, layout, filters, path and camera', async () => {
    await page.getByRole('button', { name: 'Только МСП' }).click();
    await page.waitForFunction(() => window.__coopgraphExplorer!.view.filters.sizes.length === 3);
    await page.waitForTimeout(700); // the camera goes into the URL after it settles
    const before = await graphState();
    const url = page.url();
    expect(url).toContain('layout=chain');
    await page.reload();
    await ready();
    await page.waitForFunction(() => (window.__coopgraphExplorer?.path.nodes.length ?? 0) > 0);
    const after = await graphState();
    expect(ids(after.nodes)).toEqual(ids(before.nodes));
    expect(after.view.layout).toBe('chain');
    expect(after.view.filters.sizes.sort()).toEqual(['medium', 'micro', 'small']);
    expect(after.path.nodes).toEqual(before.path.nodes);
    const pos = (s: typeof before) => Object.fromEntries(s.nodes.map((n) => [n.key, [n.x, n.y, n.hidden]]));
    expect(pos(after)).toEqual(pos(before));
    expect(after.camera.ratio).toBeCloseTo(before.camera.ratio, 3);
    expect(after.camera.x).toBeCloseTo(before.camera.x, 3);
    await shot('07-reloaded');
  });

  it('the back button steps back through the changes', async () => {
    await page.goBack(); // before the SME filter
    await page.waitForFunction(() => window.__coopgraphExplorer!.view.filters.sizes.length === 0);
    await page.goBack(); // before the path's second end
    await page.waitForFunction(() => !window.__coopgraphExplorer!.view.path?.to);
    let s = await graphState();
    expect(s.view.layout).toBe('chain');
    // Further back: before the chain layout.
    for (let i = 0; i < 3 && s.view.layout === 'chain'; i++) {
      await page.goBack();
      await page.waitForTimeout(300);
      s = await graphState();
    }
    expect(s.view.layout).toBe('geo');
  });

  it('asks before expanding a node with more neighbours than the threshold, then adds the largest', async () => {
    await page.goto(`${base}/#explore?n=region:11`);
    await ready();
    const threshold = page.getByLabel('Спрашивать, если соседей больше');
    await threshold.fill('10');
    const p = await nodePoint('region:11');
    await page.mouse.dblclick(p.x, p.y);
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    const total = Number((await dialog.locator('[data-field="total"]').textContent())!.replace(/\D/g, ''));
    expect(total).toBeGreaterThan(10);
    expect(await page.evaluate(() => window.__coopgraphExplorer!.graph.order)).toBe(1);
    await shot('08-supernode');
    await dialog.getByRole('button', { name: /Добавить крупнейших/ }).click();
    await ready();
    expect(await page.evaluate(() => window.__coopgraphExplorer!.graph.order)).toBe(11);
    await threshold.fill('200');
  });

  it('Esc clears the selection, `/` focuses the search, and the explorer speaks English', async () => {
    const p = await nodePoint('region:11');
    await page.mouse.click(p.x, p.y);
    await page.waitForFunction(() => window.__coopgraphExplorer!.view.selected === 'region:11');
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => window.__coopgraphExplorer!.view.selected === null);
    await page.keyboard.press('/');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('type'))).toBe('search');
    await page.getByRole('button', { name: 'EN' }).click();
    await page.getByRole('radio', { name: 'Geographic' }).waitFor();
    const label = await page.evaluate(() => window.__coopgraphExplorer!.graph.getNodeAttribute('region:11', 'label'));
    expect(label).toBe('Komi Republic');
    await shot('09-english');
    await page.getByRole('button', { name: 'RU' }).click();
  });

  it('opens a region from the overview in the graph', async () => {
    await page.goto(`${base}/#overview?region=11`);
    await page.locator('[data-action="open-in-graph"]').click();
    await ready();
    await page.waitForFunction(() => (window.__coopgraphExplorer?.graph.order ?? 0) > 1);
    const s = await graphState();
    expect(s.view.selected).toBe('region:11');
    expect(s.nodes.map((n) => n.key)).toContain('region:11');
    await shot('10-from-overview');
  });
});
