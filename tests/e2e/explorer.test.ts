// The explorer in real Chromium against the built client and a seeded Neo4j, driven as an analyst
// would: search, expand, filter, lay out, find a path, reload, go back. Each step checks the graph
// state the page holds (nodes, attributes, positions, what sigma hides) and keeps a screenshot.
import { beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { differenceCiede2000 } from 'culori';
import { ARTEFACTS, nodePoint, useSeededApp } from './browser.js';
import { CHAIN_COLUMN, PALETTE_MIN_DISTANCE } from '../../core/graph/model.js';

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
/** The noun after «из N»: genitive singular after 1, 21, 31…, plural otherwise. */
const genitive = (n: number, one: string, many: string) => (n % 10 === 1 && n % 100 !== 11 ? one : many);
const ids = (nodes: NodeState[]) => nodes.map((n) => n.key).sort();

/** Drawn nodes whose disc is not wholly inside the canvas, from sigma's own state. */
async function offScreen() {
  return page.evaluate(() => {
    const s = window.__coopgraphExplorer!.sigma;
    const { width, height } = s.getDimensions();
    const box = s.getContainer().getBoundingClientRect();
    if (Math.abs(box.width - width) > 1 || Math.abs(box.height - height) > 1) return ['sigma size ≠ container size'];
    return s.getGraph().filterNodes((n) => {
      const d = s.getNodeDisplayData(n);
      if (!d || d.hidden) return false;
      const p = s.graphToViewport(s.getGraph().getNodeAttributes(n));
      const r = s.scaleSize(d.size);
      return p.x - r < 0 || p.x + r > width || p.y - r < 0 || p.y + r > height;
    });
  });
}
/** Waits for the camera to come to rest (it animates to what was added). */
async function cameraSettled() {
  let last = '';
  for (let i = 0; i < 40; i++) {
    await page.waitForTimeout(150);
    const now = JSON.stringify(await page.evaluate(() => window.__coopgraphExplorer!.sigma.getCamera().getState()));
    if (now === last) return;
    last = now;
  }
}

/** Is `short` the word `full`, or it cut («Лесозаг.», «Погр.-разг.», «Биоэнер.:»), part by part? */
function abbreviates(short: string, full: string): boolean {
  const s = short.split('-');
  const f = full.split('-');
  return (
    s.length === f.length &&
    s.every((part, i) => {
      if (part === f[i]) return true;
      const dot = part.indexOf('.');
      return dot > 0 && f[i].startsWith(part.slice(0, dot)) && f[i].endsWith(part.slice(dot + 1));
    })
  );
}

/** Waits until the explorer has drawn its graph after the last change. */
async function ready() {
  await page.locator('.explorer .sigma[data-state="ready"]').waitFor({ timeout: 20_000 });
  await page.waitForFunction(() => !document.querySelector('.explorer .overlay.loading'), null, { timeout: 20_000 });
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

  it('choosing the hit loads Mondi with its neighbours, selects it and shows them all', async () => {
    await searchBox().press('ArrowDown');
    await searchBox().press('ArrowUp');
    const hits = await page
      .locator('#explorer-hits li')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-id')));
    if (hits[0] !== MONDI) await page.locator(`#explorer-hits [data-id="${MONDI}"]`).click();
    else await searchBox().press('Enter');
    await ready();
    await page.waitForFunction((id) => window.__coopgraphExplorer?.view.selected === id, MONDI);
    await cameraSettled();
    const s = await graphState();
    const expected = await (
      await page.request.post(`${base}/api/explore/expand`, { headers: seeded.auth, data: { id: MONDI, limit: 200 } })
    ).json();
    expect(ids(s.nodes)).toEqual([...new Set([MONDI, ...expected.nodes.map((n: { id: string }) => n.id)])].sort());
    expect(s.nodes.length).toBeGreaterThan(5);
    expect(await offScreen()).toEqual([]);
    await page.locator('.selected-node h2', { hasText: 'Монди' }).waitFor();
    await page.locator('[data-partners="in"] li').first().waitFor();
    await shot('02-mondi');
  });

  it('expanding from the context menu shows Mondi’s suppliers, linked into it', async () => {
    const p = await nodePoint(page, MONDI);
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
    await cameraSettled();
    expect(await offScreen()).toEqual([]);
    await shot('03-suppliers');
  });

  it('hovering a node shows its card: name, region, category, stages and volumes on screen', async () => {
    const reference = await (await page.request.get(`${base}/api/reference`)).json();
    const stageName = new Map<string, string>();
    for (const c of reference.chains) for (const st of c.stages) stageName.set(st.id, st.name);
    const canvas = (await page.locator('.explorer .sigma').boundingBox())!;
    // From an empty corner onto the node, as a pointer would come.
    await page.mouse.move(canvas.x + 5, canvas.y + 5);
    const p = await nodePoint(page, MONDI);
    await page.mouse.move(p.x, p.y, { steps: 8 });
    const card = page.locator('.hover-card[data-hover="node"]');
    await card.waitFor({ timeout: 5000 });
    const facts = await page.evaluate((id) => {
      const e = window.__coopgraphExplorer!;
      const a = e.graph.getNodeAttributes(id);
      let volumeIn = 0;
      e.graph.forEachInEdge(id, (_, x) => {
        if (x.rel === 'SUPPLIES') volumeIn += x.volumeMlnRub ?? 0;
      });
      return { label: a.label, stages: a.stages, volumeIn };
    }, MONDI);
    expect(await card.locator('.title').textContent()).toBe(facts.label);
    expect(await card.locator('[data-field="region"] td').textContent()).toBe('Республика Коми');
    expect(await card.locator('[data-field="category"] td').textContent()).toBe('крупное');
    const stages = await card.locator('[data-field="stages"] td').textContent();
    for (const st of facts.stages) expect(stages).toContain(stageName.get(st));
    expect(facts.volumeIn).toBeGreaterThan(0);
    const v = facts.volumeIn.toLocaleString('ru', { maximumFractionDigits: facts.volumeIn >= 100 ? 0 : 1 });
    expect(await card.locator('[data-field="volume-in"] td').textContent()).toBe(`${v} млн руб.`);
    // Beside the pointer, not under it, and inside the canvas.
    const box = (await card.boundingBox())!;
    const under = p.x >= box.x && p.x <= box.x + box.width && p.y >= box.y && p.y <= box.y + box.height;
    expect(under).toBe(false);
    expect(box.x).toBeGreaterThanOrEqual(canvas.x);
    expect(box.y).toBeGreaterThanOrEqual(canvas.y);
    expect(box.x + box.width).toBeLessThanOrEqual(canvas.x + canvas.width + 0.5);
    expect(box.y + box.height).toBeLessThanOrEqual(canvas.y + canvas.height + 0.5);
    await page.screenshot({
      path: join(ARTEFACTS, 'explorer-03-hover-card.png'),
      clip: { x: Math.max(0, p.x - 200), y: Math.max(0, p.y - 150), width: 600, height: 400 },
    });
    // It goes away when the pointer leaves the node.
    await page.mouse.move(canvas.x + 5, canvas.y + 5);
    await card.waitFor({ state: 'detached', timeout: 5000 });
  });

  it('hovering a supply link shows where it goes, its product, stage and volume', async () => {
    const link = await page.evaluate((id) => {
      const e = window.__coopgraphExplorer!;
      const s = e.sigma;
      const at = (n: string) => s.framedGraphToViewport(s.getNodeDisplayData(n)!);
      // A point of a supply link into the node that no node and no other link covers (the
      // geographic layout packs a region's nodes close together, and their links cross).
      const freePoint = (edge: string) => {
        const p1 = at(e.graph.source(edge));
        const p2 = at(e.graph.target(edge));
        return [0.5, 0.4, 0.6, 0.3, 0.7, 0.45, 0.55, 0.35, 0.65, 0.25, 0.75]
          .map((t) => ({ x: p1.x + (p2.x - p1.x) * t, y: p1.y + (p2.y - p1.y) * t }))
          .find(
            (q) =>
              e.graph.everyNode((n) => {
                const d = s.getNodeDisplayData(n)!;
                const c = s.framedGraphToViewport(d);
                return Math.hypot(c.x - q.x, c.y - q.y) > s.scaleSize(d.size) + 4;
              }) &&
              e.graph.everyEdge((other, _, source, target) => {
                if (other === edge) return true;
                const a1 = s.framedGraphToViewport(s.getNodeDisplayData(source)!);
                const a2 = s.framedGraphToViewport(s.getNodeDisplayData(target)!);
                const len2 = (a2.x - a1.x) ** 2 + (a2.y - a1.y) ** 2 || 1;
                const t = Math.max(
                  0,
                  Math.min(1, ((q.x - a1.x) * (a2.x - a1.x) + (q.y - a1.y) * (a2.y - a1.y)) / len2),
                );
                return Math.hypot(a1.x + t * (a2.x - a1.x) - q.x, a1.y + t * (a2.y - a1.y) - q.y) > 6;
              }),
          );
      };
      const edges = e.graph.filterInEdges(id, (_, x) => x.rel === 'SUPPLIES' && x.volumeMlnRub !== null);
      const edge = edges.find((x) => freePoint(x)) ?? edges[0];
      const a = e.graph.getEdgeAttributes(edge);
      return {
        edge,
        product: a.product,
        stage: a.stage,
        volume: a.volumeMlnRub!,
        from: e.graph.getNodeAttribute(e.graph.source(edge), 'label'),
        mid: freePoint(edge)!,
      };
    }, MONDI);
    const canvas = (await page.locator('.explorer .sigma').boundingBox())!;
    await page.mouse.move(canvas.x + 5, canvas.y + 5);
    await page.mouse.move(canvas.x + link.mid.x, canvas.y + link.mid.y, { steps: 8 });
    const card = page.locator('.hover-card[data-hover="edge"]');
    await card.waitFor({ timeout: 5000 });
    expect(await card.getAttribute('data-id')).toBe(link.edge);
    expect(await card.locator('[data-field="rel"]').textContent()).toBe('поставки');
    expect(await card.locator('.title').textContent()).toContain(`${link.from} → `);
    expect(await card.locator('[data-field="product"] td').textContent()).toBe(link.product);
    const stage = await card.locator('[data-field="stage"] td').textContent();
    expect(stage).not.toBe(link.stage);
    expect(stage).not.toBe('нет данных');
    const v = link.volume.toLocaleString('ru', { maximumFractionDigits: link.volume >= 100 ? 0 : 1 });
    expect(await card.locator('[data-field="volume"] td').textContent()).toBe(`${v} млн руб.`);
    await page.mouse.move(canvas.x + 5, canvas.y + 5);
  });

  it('colour by stage: the legend lists every stage, in colours pairwise far apart', async () => {
    await page.locator('[data-appearance="color"]').selectOption('stage');
    await page.waitForFunction(() => window.__coopgraphExplorer!.view.appearance.colorBy === 'stage');
    const legend = page.locator('[data-legend="colors"]');
    await legend.locator('li').first().waitFor();
    const lines = await legend
      .locator('li')
      .evaluateAll((els) =>
        els.map((el) => ({ key: el.getAttribute('data-key'), color: el.getAttribute('data-color') })),
      );
    const stages = await page.evaluate(() => {
      const e = window.__coopgraphExplorer!;
      return [...new Set(e.graph.mapNodes((_, a) => a.color))].length;
    });
    const colored = lines.filter((l) => l.key !== '');
    expect(colored.length).toBeGreaterThan(3);
    // One line per colour on screen: nothing folded into «…и ещё».
    expect(lines.length).toBe(stages);
    const minimum = PALETTE_MIN_DISTANCE.find((p) => p.colors >= 52)!.min;
    const de = differenceCiede2000();
    for (let i = 0; i < colored.length; i++)
      for (let j = i + 1; j < colored.length; j++)
        expect(de(colored[i].color!, colored[j].color!)).toBeGreaterThanOrEqual(minimum);
    expect(await legend.getAttribute('tabindex')).toBe('0');
    // Each count follows its own name: inside the name's box, not at the column's far edge.
    const apart = await legend.locator('li').evaluateAll((els) =>
      els.map((el) => {
        const label = el.querySelector('.label')!.getBoundingClientRect();
        const n = el.querySelector('.n')!.getBoundingClientRect();
        return n.left >= label.left && n.right <= label.right + 0.5;
      }),
    );
    expect(apart.every(Boolean)).toBe(true);
    // The geographic layout draws Russia under the graph; the legend says so, in the basemap's colours.
    expect(await page.evaluate(() => window.__coopgraphExplorer!.view.layout)).toBe('geo');
    const basemap = page.locator('.explorer-legend [data-legend="basemap"]');
    expect(await basemap.textContent()).toBe('Россия (Natural Earth, 1:50 млн)');
    expect(await basemap.locator('.basemap-swatch').evaluate((el) => getComputedStyle(el).backgroundColor)).toBe(
      'rgb(236, 238, 230)', // BASEMAP_FILL, #eceee6
    );
    await page.locator('.explorer-legend').screenshot({ path: join(ARTEFACTS, 'explorer-03-stage-legend.png') });
    await page.locator('[data-appearance="color"]').selectOption('type');
    await page.waitForFunction(() => window.__coopgraphExplorer!.view.appearance.colorBy === 'type');
  });

  it('double-clicking a supplier expands it too, and Undo takes that back', async () => {
    const before = ids((await graphState()).nodes);
    const p = await nodePoint(page, 'enterprise:s-11-0004');
    await page.mouse.dblclick(p.x, p.y);
    await ready();
    await page.waitForFunction((n) => window.__coopgraphExplorer!.graph.order > n, before.length);
    const after = await graphState();
    expect(after.nodes.map((n) => n.key)).toContain('enterprise:s-11-0001');
    // The supplier's own partners come into view with it.
    await cameraSettled();
    expect(await offScreen()).toEqual([]);
    await page.getByRole('button', { name: 'Отменить' }).click();
    await page.waitForFunction((n) => window.__coopgraphExplorer!.graph.order === n, before.length);
    expect(ids((await graphState()).nodes)).toEqual(before);
    // And once more, to keep s-11-0001 for the path below (the layout moved it when undoing).
    const again = await nodePoint(page, 'enterprise:s-11-0004');
    await page.mouse.dblclick(again.x, again.y);
    await ready();
    await page.waitForFunction(() => window.__coopgraphExplorer!.graph.hasNode('enterprise:s-11-0001'));
  });

  it('the geographic layout keeps the nodes of a region apart at the fitted zoom', async () => {
    await page.getByRole('button', { name: 'Весь граф' }).click();
    await cameraSettled();
    expect(await offScreen()).toEqual([]);
    const overlaps = await page.evaluate(() => {
      const s = window.__coopgraphExplorer!.sigma;
      const g = s.getGraph();
      const nodes = g
        .filterNodes((_, a) => a.region !== null && a.lat !== null)
        .map((n) => {
          const p = s.graphToViewport(g.getNodeAttributes(n));
          return { n, region: g.getNodeAttribute(n, 'region'), ...p, r: s.scaleSize(s.getNodeDisplayData(n)!.size) };
        });
      const bad: string[] = [];
      for (let i = 0; i < nodes.length; i++)
        for (let j = i + 1; j < nodes.length; j++) {
          const a = nodes[i];
          const b = nodes[j];
          if (Math.hypot(a.x - b.x, a.y - b.y) < a.r + b.r) bad.push(`${a.n} × ${b.n}`);
        }
      return { count: nodes.length, regions: new Set(nodes.map((x) => x.region)).size, bad };
    });
    expect(overlaps.count).toBeGreaterThan(10);
    expect(overlaps.regions).toBeGreaterThanOrEqual(1);
    expect(overlaps.bad).toEqual([]);
    await shot('03b-geo-fitted');
  });

  it('the SME filter hides every large enterprise and nothing else; the counts follow it', async () => {
    const counts = async () => ({
      nodes: await page.locator('[data-field="nodes-count"]').textContent(),
      links: await page.locator('[data-field="links-count"]').textContent(),
    });
    const unfiltered = await graphState();
    const { nodes, edges } = unfiltered;
    expect(await counts()).toEqual({
      nodes: `${nodes.length} из ${nodes.length} ${genitive(nodes.length, 'узла', 'узлов')}`,
      links: `${edges.length} из ${edges.length} ${genitive(edges.length, 'связи', 'связей')}`,
    });
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
    const shownLinks = await page.evaluate(() => {
      const e = window.__coopgraphExplorer!;
      return e.graph.filterEdges((edge) => !e.sigma.getEdgeDisplayData(edge)?.hidden).length;
    });
    expect(shownLinks).toBeLessThan(s.edges.length);
    expect(await counts()).toEqual({
      nodes: `${s.nodes.length - large.length} из ${s.nodes.length} ${genitive(s.nodes.length, 'узла', 'узлов')}`,
      links: `${shownLinks} из ${s.edges.length} ${genitive(s.edges.length, 'связи', 'связей')}`,
    });
    await shot('04-sme-filter');
    await page.getByRole('button', { name: 'Только МСП' }).click();
    await page.waitForFunction(() => window.__coopgraphExplorer!.view.filters.sizes.length === 0);
  });

  it('the chain layout orders the stages left to right', async () => {
    await page.getByRole('radio', { name: 'Цепочка' }).click();
    await page.waitForFunction(() => window.__coopgraphExplorer!.view.layout === 'chain');
    // No basemap under the chain layout, so none in its legend.
    await page.locator('.explorer-legend [data-legend="basemap"]').waitFor({ state: 'detached' });
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
        // Same stage, same column (a long column wraps into sub-columns within its width).
        if (a.order === b.order) expect(Math.abs(a.n.x - b.n.x)).toBeLessThan(CHAIN_COLUMN);
      }
    await page.getByRole('button', { name: 'Весь граф' }).click();
    await cameraSettled();
    expect(await offScreen()).toEqual([]);
    // Each stage present has its header, named after the stage, above the nodes of its column.
    const stageNames = new Map<string, string>();
    for (const c of reference.chains) for (const st of c.stages) stageNames.set(st.id, st.name);
    const headers = await page.locator('.chain-guides [data-stage]').evaluateAll((els) =>
      els.map((e) => {
        const r = e.getBoundingClientRect();
        return {
          stages: e.getAttribute('data-stage')!.split(' '),
          title: e.getAttribute('title'),
          shown: e.firstElementChild!.textContent!,
          full: e.getAttribute('data-full')!,
          // The clamp cut it: more lines than the header shows.
          cut: e.scrollHeight > e.clientHeight + 1,
          visible: !(e as HTMLElement).hidden && r.width > 0,
          cx: r.x + r.width / 2,
          bottom: r.bottom,
          left: r.left,
          right: r.right,
        };
      }),
    );
    const box = (await page.locator('.explorer .sigma').boundingBox())!;
    const placedStages = new Set(placed.map((p) => p.n.stages.find((x) => order.get(x) === p.order)!));
    const headed = new Set(headers.flatMap((h) => h.stages));
    for (const st of placedStages) expect(headed.has(st)).toBe(true);
    for (const h of headers) {
      expect(h.visible).toBe(true);
      // The tooltip names every stage of the column; the header shows its step's name whole, or
      // each word whole or cut after a consonant with a full stop («Лесозаг.»), never cut off.
      expect(h.title).toBe(h.stages.map((st) => stageNames.get(st)).join(' · '));
      expect(h.cut).toBe(false);
      // A column of several stages may show its first one only, ended by « · …».
      const more = h.shown.endsWith(' · …');
      const fullWords = h.full.split(/\s+/);
      const shownWords = (more ? h.shown.slice(0, -' · …'.length) : h.shown).split(/\s+/);
      if (more) expect(h.stages.length).toBeGreaterThan(1);
      else expect(shownWords).toHaveLength(fullWords.length);
      shownWords.forEach((w, i) => expect(abbreviates(w, fullWords[i]), `${w} for ${fullWords[i]}`).toBe(true));
      expect(h.left).toBeGreaterThanOrEqual(box.x - 1);
      expect(h.right).toBeLessThanOrEqual(box.x + box.width + 1);
      const column = placed.filter((p) => h.stages.some((st) => p.n.stages.includes(st) && p.order === order.get(st)));
      for (const p of column) {
        const at = await nodePoint(page, p.n.key);
        expect(Math.abs(at.x - h.cx)).toBeLessThan((h.right - h.left) / 2 + 1);
        expect(at.y).toBeGreaterThan(h.bottom);
      }
    }
    // Node labels: none drawn over another (sigma's grid and the chain layout's label picker).
    const labels = await page.evaluate(() => window.__coopgraphLabels ?? null);
    expect(labels).not.toBeNull();
    expect(labels!.length).toBeGreaterThan(0);
    for (let i = 0; i < labels!.length; i++)
      for (let j = i + 1; j < labels!.length; j++) {
        const [a, b] = [labels![i], labels![j]];
        expect(a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1, `${a.key} over ${b.key}`).toBe(false);
      }
    // Each drawn label box starts at its node, as sigma draws it.
    for (const l of labels!) {
      const at = await nodePoint(page, l.key);
      expect(Math.abs(l.x0 + box.x - at.x)).toBeLessThan(40);
      expect(Math.abs((l.y0 + l.y1) / 2 + box.y - at.y)).toBeLessThan(10);
    }
    await shot('05-chain-layout');
  });

  it('a supply path from an SME to the anchor is found and highlighted', async () => {
    const from = 'enterprise:s-11-0001';
    const api = await (
      await page.request.get(`${base}/api/explore/path?from=${from}&to=${MONDI}&directed=true`)
    ).json();
    expect(api.found).toBe(true);
    await page.mouse.click((await nodePoint(page, from)).x, (await nodePoint(page, from)).y, { button: 'right' });
    await page.getByRole('menuitem', { name: 'Путь отсюда' }).click();
    const m = await nodePoint(page, MONDI);
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
    // Each step names what goes along its link and how much.
    const steps = await page.locator('.path-list [data-step-edge]').evaluateAll((els) =>
      els.map((el) => ({
        edge: el.getAttribute('data-step-edge'),
        product: el.querySelector('[data-field="step-product"]')!.textContent,
        volume: el.querySelector('[data-field="step-volume"]')!.textContent,
      })),
    );
    expect(steps.map((st) => st.edge)).toEqual(s.path.edges);
    for (const st of steps) {
      const e = api.edges.find((x: { id: string }) => x.id === st.edge);
      expect(e.product).toBeTruthy();
      expect(st.product).toBe(e.product);
      const v = e.volumeMlnRub.toLocaleString('ru', { maximumFractionDigits: e.volumeMlnRub >= 100 ? 0 : 1 });
      expect(st.volume).toBe(`${v} млн руб.`);
    }
    await page.locator('.path-tool').screenshot({ path: join(ARTEFACTS, 'explorer-06-path-panel.png') });
    await shot('06-path');
  });

  it('a path’s end can be chosen from the search field of the path tool', async () => {
    const from = 'enterprise:s-11-0001';
    await page.getByRole('button', { name: 'Сбросить путь' }).click();
    await page.waitForFunction(() => window.__coopgraphExplorer!.view.path === null);
    const fromName = (await graphState()).nodes.find((n) => n.key === from)!.label;
    const fromField = page.getByRole('combobox', { name: 'Начало пути: поиск предприятия' });
    await fromField.fill(fromName);
    await page.locator(`#path-from-hits [data-id="${from}"]`).click();
    await page.waitForFunction((id) => window.__coopgraphExplorer!.view.path?.from === id, from);
    const toField = page.getByRole('combobox', { name: 'Конец пути: поиск предприятия' });
    await toField.fill('Монди');
    // Only enterprises are offered for a path's end.
    await page.locator(`#path-to-hits [data-id="${MONDI}"]`).waitFor();
    const offered = await page
      .locator('#path-to-hits li')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-id')));
    expect(offered.every((id) => id?.startsWith('enterprise:'))).toBe(true);
    await page.locator(`#path-to-hits [data-id="${MONDI}"]`).click();
    await page.locator('[data-field="path-length"]').waitFor();
    expect(await page.locator('[data-field="path-to"]').textContent()).toContain('Монди');
    const s = await graphState();
    expect(s.path.nodes[0]).toBe(from);
    expect(s.path.nodes.at(-1)).toBe(MONDI);
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
    // Further back (through the path set from the search, then the path set from the menu):
    // before the chain layout.
    for (let i = 0; i < 8 && s.view.layout === 'chain'; i++) {
      await page.goBack();
      await page.waitForTimeout(300);
      s = await graphState();
    }
    expect(s.view.layout).toBe('geo');
  });

  it('names a cluster that is not on the graph, in the memberships and the cluster filter', async () => {
    await page.goto(`${base}/#explore?n=${MONDI}`);
    await ready();
    const clusters = await page.evaluate(
      (id) => window.__coopgraphExplorer!.graph.getNodeAttribute(id, 'clusters'),
      MONDI,
    );
    expect(clusters.length).toBeGreaterThan(0);
    const answer = await (
      await page.request.post(`${base}/api/explore/nodes`, { headers: seeded.auth, data: { ids: clusters } })
    ).json();
    const names = clusters.map((c) => answer.nodes.find((n: { id: string }) => n.id === c).name as string);
    expect(names.every((n) => n.length > 0 && !clusters.some((c) => n.includes(c.replace(/^cluster:/, ''))))).toBe(
      true,
    );
    const p = await nodePoint(page, MONDI);
    await page.mouse.click(p.x, p.y);
    await page.waitForFunction((id) => window.__coopgraphExplorer!.view.selected === id, MONDI);
    const membership = page.locator(`[data-cluster="${clusters[0]}"]`);
    await page.waitForFunction(
      ([id, name]) => document.querySelector(`[data-cluster="${id}"]`)?.textContent === name,
      [clusters[0], names[0]],
    );
    expect(await membership.textContent()).toBe(names[0]);
    expect(await page.locator(`[data-filter="cluster"] option[value="${clusters[0]}"]`).textContent()).toBe(names[0]);
  });

  it('asks before expanding a node with more neighbours than the threshold, then adds the largest', async () => {
    await page.goto(`${base}/#explore?n=region:11`);
    await ready();
    const threshold = page.getByLabel('Спрашивать, если соседей больше');
    await threshold.fill('10');
    const p = await nodePoint(page, 'region:11');
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
    const p = await nodePoint(page, 'region:11');
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
