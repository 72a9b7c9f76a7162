// The overview in real Chromium against the built client and a seeded Neo4j: regions placed by
// their coordinates (north up, east right), sized by the chosen chain, flows with widths, a region's
// details on click, and the error state. The view publishes its graphology graph and sigma instance
// on `window.__coopgraphOverview` (see client/src/Overview.tsx); its container says
// `data-state="ready"` and `data-chain` once a chain is drawn.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Overview } from '../../server/overview.js';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Page } from 'playwright-core';
import { ARTEFACTS, useSeededApp } from './browser.js';
import { project } from '../../core/graph/projection.js';

const seeded = useSeededApp({ width: 1400, height: 860 });
let app: FastifyInstance;
let page: Page;
let base: string;

beforeAll(async () => {
  ({ app, page, base } = seeded);
});

const shot = (name: string) => page.screenshot({ path: join(ARTEFACTS, `overview-${name}.png`) });
const apiOverview = async (chain: string) =>
  (await app.inject({ method: 'GET', url: `/api/overview?chain=${chain}`, headers: seeded.auth })).json() as Overview;
/** The browser's next overview answers for `chain` are `body` instead of the server's. */
const serveOverview = (chain: string, body: Overview) =>
  page.route(`**/api/overview?chain=${chain}`, (route) =>
    route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(body) }),
  );
const drawn = (chain: string) =>
  page.locator(`.sigma[data-state="ready"][data-chain="${chain}"]`).waitFor({ timeout: 20_000 });

interface NodeState {
  key: string;
  x: number;
  y: number;
  size: number;
  color: string;
  enterprises: number;
  smes: number;
  vx: number;
  vy: number;
}
interface EdgeState {
  source: string;
  target: string;
  size: number;
  volumeMlnRub: number;
  links: number;
}

/** The graph as drawn: node attributes with their position on screen, and the edges. */
function graphState(): Promise<{ chain: string | null; nodes: NodeState[]; edges: EdgeState[]; edgeType: string }> {
  return page.evaluate(() => {
    const o = window.__coopgraphOverview!;
    const nodes = o.graph.mapNodes((key, a) => {
      const v = o.sigma.graphToViewport({ x: a.x, y: a.y });
      return {
        key,
        x: a.x,
        y: a.y,
        size: a.size,
        color: a.color,
        enterprises: a.enterprises,
        smes: a.smes,
        vx: v.x,
        vy: v.y,
      };
    });
    const edges = o.graph.mapEdges((_e, a, source, target) => ({
      source,
      target,
      size: a.size,
      volumeMlnRub: a.volumeMlnRub,
      links: a.links,
    }));
    return { chain: o.chain, nodes, edges, edgeType: o.sigma.getSettings().defaultEdgeType };
  });
}

let timber: Awaited<ReturnType<typeof graphState>>;
const node = (s: typeof timber, code: string) => s.nodes.find((n) => n.key === code)!;

describe('overview in the browser', () => {
  it('opens from the header tab and draws all 89 regions for the timber chain', async () => {
    await page.goto(base);
    await page.getByRole('link', { name: 'Обзор' }).click();
    await drawn('timber');
    expect(page.url()).toMatch(/#overview$/);
    timber = await graphState();
    expect(timber.chain).toBe('timber');
    expect(timber.nodes).toHaveLength(89);
    await shot('01-timber');
  });

  it('places regions by their coordinates: east to the right, north up, Chukotka at the far east', async () => {
    const komi = node(timber, '11');
    const karelia = node(timber, '10');
    const nenets = node(timber, '83');
    expect(komi.x).toBeGreaterThan(karelia.x);
    expect(komi.y).toBeLessThan(nenets.y);
    // On screen too: Komi right of Karelia and below the Nenets okrug.
    expect(komi.vx).toBeGreaterThan(karelia.vx);
    expect(komi.vy).toBeGreaterThan(nenets.vy);
    const chukotka = node(timber, '87');
    // The cone bends the east: Kamchatka, further south, reaches as far right as Chukotka does.
    const eastmost = [...timber.nodes]
      .sort((a, b) => b.x - a.x)
      .slice(0, 3)
      .map((n) => n.key);
    expect(eastmost).toContain('87');
    expect(chukotka.x).toBeGreaterThan(node(timber, '49').x); // Magadan
    expect(node(timber, '39').x).toBeLessThan(Math.min(karelia.x, node(timber, '77').x)); // Kaliningrad west of Karelia and Moscow
    const box = (await page.locator('.sigma').boundingBox())!;
    for (const n of timber.nodes) {
      expect(n.vx).toBeGreaterThanOrEqual(0);
      expect(n.vx).toBeLessThanOrEqual(box.width);
      expect(n.vy).toBeGreaterThanOrEqual(0);
      expect(n.vy).toBeLessThanOrEqual(box.height);
    }
  });

  it("sizes regions by the chain's enterprises, greys out empty ones, and draws flows as weighted arrows", async () => {
    const api = await apiOverview('timber');
    for (const r of api.regions) {
      const n = node(timber, r.code);
      expect([n.enterprises, n.smes]).toEqual([r.enterprises, r.smes]);
    }
    const withEnterprises = timber.nodes.filter((n) => n.enterprises > 0);
    const empty = timber.nodes.filter((n) => n.enterprises === 0);
    expect(withEnterprises.length).toBeGreaterThan(0);
    expect(empty.length).toBeGreaterThan(0);
    expect(new Set(empty.map((n) => n.color)).size).toBe(1);
    expect(Math.max(...empty.map((n) => n.size))).toBeLessThan(Math.min(...withEnterprises.map((n) => n.size)));
    const sorted = [...withEnterprises].sort((a, b) => a.enterprises - b.enterprises);
    for (let i = 1; i < sorted.length; i++) expect(sorted[i].size).toBeGreaterThanOrEqual(sorted[i - 1].size);
    // One edge per inter-regional flow, never a loop; wider for more volume.
    expect(timber.edgeType).toBe('arrow');
    expect(timber.edges.length).toBe(api.flows.length);
    expect(timber.edges.length).toBeGreaterThan(0);
    expect(timber.edges.every((e) => e.source !== e.target)).toBe(true);
    const byVolume = [...timber.edges].sort((a, b) => a.volumeMlnRub - b.volumeMlnRub);
    for (let i = 1; i < byVolume.length; i++) expect(byVolume[i].size).toBeGreaterThanOrEqual(byVolume[i - 1].size);
    // Every federal district colour is in the legend.
    expect(await page.locator('.legend .districts li').count()).toBe(9);
    expect(await page.locator('.legend .widths li').count()).toBeGreaterThan(0);
  });

  it('resizes regions when the chain changes', async () => {
    await page.getByRole('radio', { name: 'Нефтегазовый комплекс' }).click();
    await drawn('oilgas');
    const oilgas = await graphState();
    expect(oilgas.nodes).toHaveLength(89);
    const api = await apiOverview('oilgas');
    for (const r of api.regions) expect(node(oilgas, r.code).enterprises).toBe(r.enterprises);
    const changed = oilgas.nodes.filter((n) => n.size !== node(timber, n.key).size);
    expect(changed.length).toBeGreaterThan(0);
    expect(oilgas.edges.length).toBe(api.flows.length);
    await shot('02-oilgas');
  });

  it("shows a region's details, chain figures and partners when it is clicked", async () => {
    await page.getByRole('radio', { name: 'Лесопромышленный комплекс' }).click();
    await drawn('timber');
    const komi = node(await graphState(), '11');
    const box = (await page.locator('.sigma').boundingBox())!;
    await page.mouse.click(box.x + komi.vx, box.y + komi.vy);
    const summary = page.locator('.region-summary[data-region="11"]');
    await summary.waitFor();
    expect(await summary.locator('h2').textContent()).toBe('Республика Коми');
    const api = (await apiOverview('timber')).regions.find((r) => r.code === '11')!;
    expect(await summary.locator('[data-field="enterprises"]').textContent()).toBe(
      api.enterprises.toLocaleString('ru'),
    );
    expect(await summary.locator('[data-field="smes"]').textContent()).toBe(api.smes.toLocaleString('ru'));
    expect(await summary.locator('[data-field="local"]').textContent()).toContain(api.local.links.toLocaleString('ru'));
    // The node details of region:11 below the summary.
    await page.locator('.panel .details').getByText('Сыктывкар').waitFor();
    await shot('03-komi');
    await page.keyboard.press('Escape');
    await summary.waitFor({ state: 'detached' });
  });

  it('says why when the overview cannot be loaded', async () => {
    await page.route('**/api/overview?chain=all', (route) =>
      route.fulfill({
        status: 503,
        contentType: 'application/json',
        body: JSON.stringify({
          error: 'neo4j_unavailable',
          message: 'The graph database is unavailable; retry shortly.',
          reason: 'connection refused (test)',
        }),
      }),
    );
    await page.getByRole('radio', { name: 'Все цепочки' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor({ timeout: 15_000 });
    expect(await alert.textContent()).toContain('connection refused (test)');
    // The graph of the previous chain is not left on screen under the error.
    expect(await page.evaluate(() => window.__coopgraphOverview!.graph.order)).toBe(0);
    await shot('04-error');
    await page.unroute('**/api/overview?chain=all');
  });

  it('draws every region grey and says so when a chain has no enterprises', async () => {
    const real = await apiOverview('oilgas');
    await serveOverview('oilgas', {
      ...real,
      regions: real.regions.map((r) => ({ ...r, enterprises: 0, smes: 0, local: { volumeMlnRub: 0, links: 0 } })),
      flows: [],
    });
    await page.reload();
    await page.getByRole('radio', { name: 'Нефтегазовый комплекс' }).click();
    await drawn('oilgas');
    await page.getByText('В базе нет предприятий и поставок этой цепочки').waitFor();
    const state = await graphState();
    expect(state.nodes).toHaveLength(89);
    expect(state.edges).toHaveLength(0);
    expect(new Set(state.nodes.map((n) => n.color)).size).toBe(1);
    await shot('05-empty');
    await page.unroute('**/api/overview?chain=oilgas');
  });

  it('keeps the search page working and comes back to the same chain with the back button', async () => {
    await page.getByRole('link', { name: 'Поиск' }).click();
    await page.getByRole('searchbox').fill('Монди');
    await page.locator('[data-id="enterprise:mondi-syktyvkar"]').waitFor({ timeout: 10_000 });
    await page.goBack();
    // The chain is in the address: the overview left on oil and gas comes back on oil and gas.
    expect(page.url()).toContain('chain=oilgas');
    await drawn('oilgas');
    await shot('06-back');
  });
});

/** The basemap canvas's alpha at graph points (kilometres), through sigma's current camera. */
function basemapAlpha(points: { x: number; y: number }[]): Promise<number[]> {
  return page.evaluate((pts) => {
    const o = window.__coopgraphOverview!;
    const canvas = o.sigma.getCanvases()['basemap'];
    const ctx = canvas.getContext('2d')!;
    const ratio = canvas.width / canvas.clientWidth;
    return pts.map((p) => {
      const v = o.sigma.graphToViewport(p);
      const [x, y] = [Math.round(v.x * ratio), Math.round(v.y * ratio)];
      if (x < 0 || y < 0 || x >= canvas.width || y >= canvas.height) return -1;
      return ctx.getImageData(x, y, 1, 1).data[3];
    });
  }, points);
}

/** How many flows sigma draws (the reducers hide the rest). */
const drawnEdges = () =>
  page.evaluate(() => {
    const o = window.__coopgraphOverview!;
    return o.graph.filterEdges((e) => !o.sigma.getEdgeDisplayData(e)?.hidden).length;
  });

describe('overview map: basemap, flows, choropleth, hover figures, address', () => {
  it('fits the window at 1280×800 and at its own size: the legend is whole, nothing scrolls', async () => {
    for (const size of [
      { width: 1280, height: 800 },
      { width: 1400, height: 860 },
    ]) {
      await page.setViewportSize(size);
      await page.goto(`${base}#overview`);
      await drawn('timber');
      const fit = await page.evaluate(() => ({
        legend: document.querySelector('main.overview .legend')!.getBoundingClientRect().bottom,
        canvas: document.querySelector('main.overview .canvas-wrap')!.getBoundingClientRect().height,
        page: document.documentElement.scrollHeight,
        inner: innerHeight,
      }));
      expect(fit.legend).toBeLessThanOrEqual(fit.inner);
      expect(fit.page).toBeLessThanOrEqual(fit.inner);
      // The map takes the height the rest leaves.
      expect(fit.canvas).toBeGreaterThan(size.height / 2);
    }
    await shot('00-fits-1400x860');
  });

  it("draws Russia's outline under the regions, and it follows the camera", async () => {
    await page.goto(`${base}#overview`);
    await drawn('timber');
    await page.locator('canvas.sigma-basemap[data-state="drawn"]').waitFor();
    // Below sigma's edges: the basemap layer comes before the edges' canvas.
    expect(
      await page.evaluate(() => {
        const c = window.__coopgraphOverview!.sigma.getCanvases();
        return !!(c.basemap.compareDocumentPosition(c.edges) & Node.DOCUMENT_POSITION_FOLLOWING);
      }),
    ).toBe(true);
    const inland = [project(55.75, 37.62), project(62, 90), project(65.8, -172.5)]; // Moscow, Evenkia, Chukotka
    const outside = [project(45, 150), project(47, 105)]; // the Pacific, Mongolia
    const before = await basemapAlpha([...inland, ...outside]);
    expect(before.slice(0, 3).every((a) => a > 200)).toBe(true);
    expect(before.slice(3)).toEqual([0, 0]);
    // Zoom into the Far East: the same places, wherever the camera puts them now, are still filled or empty.
    await page.evaluate(
      (p) => {
        const sigma = window.__coopgraphOverview!.sigma;
        const framed = sigma.viewportToFramedGraph(sigma.graphToViewport(p));
        return sigma.getCamera().animate({ ...framed, ratio: 0.6 }, { duration: 100 });
      },
      project(59.5, 155),
    );
    await page.waitForTimeout(300);
    const land = [project(62, 160), project(56, 159)]; // Kolyma, Kamchatka
    const sea = [project(55, 148), project(50, 165)]; // the Sea of Okhotsk, the Pacific
    const after = await basemapAlpha([...land, ...sea]);
    expect(after.slice(0, 2).every((a) => a > 200)).toBe(true);
    expect(after.slice(2)).toEqual([0, 0]);
    await shot('07-far-east');
    await page.evaluate(() => window.__coopgraphOverview!.sigma.getCamera().animatedReset({ duration: 50 }));
    await page.waitForTimeout(200);
    // The legend names it, and it can be switched off.
    await page.getByText('Россия (Natural Earth, 1:50 млн)').waitFor();
    await page.getByLabel('Карта России').uncheck();
    await page.locator('canvas.sigma-basemap').waitFor({ state: 'detached' });
    await page.getByLabel('Карта России').check();
    await page.locator('canvas.sigma-basemap[data-state="drawn"]').waitFor();
  });

  it('draws only the largest flows the control asks for, and says how many', async () => {
    const api = await apiOverview('timber');
    expect(api.flows.length).toBeGreaterThan(50);
    const flows = page.locator('select[data-control="flows"]');
    expect(await flows.inputValue()).toBe('50');
    expect(await drawnEdges()).toBe(50);
    await flows.selectOption({ label: '20 крупнейших' });
    await page.waitForFunction(() => {
      const o = window.__coopgraphOverview!;
      return o.graph.filterEdges((e) => !o.sigma.getEdgeDisplayData(e)?.hidden).length === 20;
    });
    expect(await page.locator('[data-legend="flows-shown"]').textContent()).toBe(
      `Показано потоков: 20 из ${api.flows.length.toLocaleString('ru')}`,
    );
    // The twenty drawn are the twenty largest.
    const shownVolumes = await page.evaluate(() => {
      const o = window.__coopgraphOverview!;
      return o.graph
        .filterEdges((e) => !o.sigma.getEdgeDisplayData(e)?.hidden)
        .map((e) => o.graph.getEdgeAttribute(e, 'volumeMlnRub'));
    });
    expect(Math.min(...shownVolumes)).toBeGreaterThanOrEqual(api.flows[19].volumeMlnRub);
    await flows.selectOption({ label: 'все' });
    await page.waitForFunction((n) => {
      const o = window.__coopgraphOverview!;
      return o.graph.filterEdges((e) => !o.sigma.getEdgeDisplayData(e)?.hidden).length === n;
    }, api.flows.length);
    await flows.selectOption({ label: '50 крупнейших' });
  });

  it('colours regions by a measure in classes the legend states', async () => {
    const api = await apiOverview('timber');
    await page.locator('select[data-control="fill"]').selectOption({ label: 'предприятия цепочки' });
    const legend = page.locator('[data-legend="choropleth"]');
    await legend.waitFor();
    expect(await legend.locator('h4').textContent()).toBe('Предприятия цепочки в регионе');
    const classes = await legend.locator('li[data-min]').evaluateAll((lis) =>
      lis.map((li) => ({
        min: Number(li.getAttribute('data-min')),
        max: Number(li.getAttribute('data-max')),
        color: (li.querySelector('.swatch') as HTMLElement).style.backgroundColor,
        text: li.textContent,
      })),
    );
    expect(classes.length).toBeGreaterThanOrEqual(3);
    expect(classes[0]).toMatchObject({ min: 0, max: 0, text: '0' });
    // Contiguous ranges up to the largest figure.
    for (let i = 1; i < classes.length; i++) expect(classes[i].min).toBe(classes[i - 1].max + 1);
    expect(classes.at(-1)!.max).toBe(Math.max(...api.regions.map((r) => r.enterprises)));
    expect(new Set(classes.map((c) => c.color)).size).toBe(classes.length);
    // Every region is drawn in the colour of its class.
    const colors = await page.evaluate(() => {
      const o = window.__coopgraphOverview!;
      return Object.fromEntries(o.graph.mapNodes((n) => [n, o.sigma.getNodeDisplayData(n)!.color]));
    });
    const rgb = (hex: string) =>
      `rgb(${parseInt(hex.slice(1, 3), 16)}, ${parseInt(hex.slice(3, 5), 16)}, ${parseInt(hex.slice(5, 7), 16)})`;
    for (const r of api.regions) {
      const c = classes.find((k) => r.enterprises >= k.min && r.enterprises <= k.max)!;
      expect(rgb(colors[r.code])).toBe(c.color);
    }
    // The side list's marks are the map's colours, one of the legend's classes — no district dots.
    const marks = await page.locator('.top-regions tbody tr').evaluateAll((rows) =>
      rows.map((tr) => {
        const dot = tr.querySelector('.dot') as HTMLElement;
        return {
          name: tr.querySelector('button')!.textContent,
          mark: dot.dataset.mark,
          color: dot.style.backgroundColor,
        };
      }),
    );
    expect(marks.length).toBeGreaterThan(0);
    for (const m of marks) {
      const r = api.regions.find((x) => x.name === m.name)!;
      expect(m.mark).toBe('enterprises');
      expect(m.color).toBe(rgb(colors[r.code]));
      expect(classes.map((k) => k.color)).toContain(m.color);
    }
    await shot('08-choropleth');
  });

  it('says «нет данных» for a region whose figure is unknown, not 0', async () => {
    const real = await apiOverview('oilgas');
    await serveOverview('oilgas', {
      ...real,
      regions: real.regions.map((r) => ({ ...r, gaps: r.code === '11' ? null : r.gaps })),
    });
    await page.reload(); // no oil-and-gas answer cached from before
    await drawn('timber');
    await page.getByRole('radio', { name: 'Нефтегазовый комплекс' }).click();
    await drawn('oilgas');
    await page.locator('select[data-control="fill"]').selectOption({ label: 'разрывы цепочки' });
    const none = page.locator('[data-legend="choropleth"][data-measure="gaps"] li[data-class="none"]');
    await none.waitFor();
    expect(await none.textContent()).toBe('нет данных');
    const komi = node(await graphState(), '11');
    const box = (await page.locator('.sigma').boundingBox())!;
    await page.mouse.move(box.x + komi.vx, box.y + komi.vy);
    const card = page.locator('.hover-card[data-kind="region"][data-key="11"]');
    await card.waitFor();
    expect(await card.locator('[data-field="gaps"]').textContent()).toBe('нет данных');
    await page.mouse.move(box.x + 5, box.y + 5);
    await page.unroute('**/api/overview?chain=oilgas');
  });

  it('keeps chain, region, flows and colouring in the address across a reload and the back button', async () => {
    await page.getByRole('radio', { name: 'Лесопромышленный комплекс' }).click();
    await drawn('timber');
    await page.locator('select[data-control="flows"]').selectOption({ label: '100 крупнейших' });
    await page.getByRole('radio', { name: 'Все цепочки' }).click();
    await drawn('all');
    expect(page.url()).toMatch(/#overview\?chain=all&flows=100&fill=gaps$/);
    await page.reload();
    await drawn('all');
    expect(await page.getByRole('radio', { name: 'Все цепочки' }).getAttribute('aria-checked')).toBe('true');
    expect(await page.locator('select[data-control="flows"]').inputValue()).toBe('100');
    expect(await page.locator('select[data-control="fill"]').inputValue()).toBe('gaps');
    expect(await drawnEdges()).toBe(Math.min(100, (await apiOverview('all')).flows.length));
    await page.goBack();
    await drawn('timber');
    expect(page.url()).toMatch(/#overview\?flows=100&fill=gaps$/);
    await page.goForward();
    await drawn('all');
    // A selected region too.
    await page.goto(`${base}#overview?chain=oilgas&region=11`);
    await drawn('oilgas');
    await page.locator('.region-summary[data-region="11"]').waitFor();
    await page.keyboard.press('Escape');
    await page.locator('.region-summary').waitFor({ state: 'detached' });
    expect(page.url()).toMatch(/#overview\?chain=oilgas$/);
  });

  it("shows a region's and a flow's figures on hover", async () => {
    await page.goto(`${base}#overview`);
    await drawn('timber');
    const api = await apiOverview('timber');
    const state = await graphState();
    const box = (await page.locator('.sigma').boundingBox())!;
    const komi = node(state, '11');
    await page.mouse.move(box.x + komi.vx, box.y + komi.vy);
    const card = page.locator('.hover-card[data-kind="region"][data-key="11"]');
    await card.waitFor();
    const r = api.regions.find((x) => x.code === '11')!;
    const sum = (fs: typeof api.flows) => fs.reduce((s, f) => s + f.volumeMlnRub, 0);
    expect(await card.locator('b').textContent()).toBe('Республика Коми');
    expect(await card.locator('[data-field="enterprises"]').textContent()).toBe(r.enterprises.toLocaleString('ru'));
    expect(await card.locator('[data-field="smes"]').textContent()).toBe(r.smes.toLocaleString('ru'));
    expect(r.gaps).not.toBeNull();
    expect(await card.locator('[data-field="gaps"]').textContent()).toBe(r.gaps!.toLocaleString('ru'));
    // As the view formats money (two significant digits under 10).
    const money = (v: number) =>
      v > 0 && v < 10
        ? v.toLocaleString('ru', { maximumSignificantDigits: 2 })
        : v.toLocaleString('ru', { maximumFractionDigits: v >= 100 ? 0 : 1 });
    expect(await card.locator('[data-field="in"]').textContent()).toBe(
      `${money(sum(api.flows.filter((f) => f.target === '11')))} млн руб.`,
    );
    expect(await card.locator('[data-field="out"]').textContent()).toBe(
      `${money(sum(api.flows.filter((f) => f.source === '11')))} млн руб.`,
    );
    await shot('09-hover-region');
    await page.mouse.move(box.x + 5, box.y + 5);
    await card.waitFor({ state: 'detached' });
    // A flow: the largest one, hovered at a point along it clear of both regions.
    const top = api.flows[0];
    const [a, b] = [node(state, top.source), node(state, top.target)];
    let hovered = false;
    for (const f of [0.5, 0.4, 0.6, 0.3, 0.7]) {
      await page.mouse.move(box.x + a.vx + (b.vx - a.vx) * f, box.y + a.vy + (b.vy - a.vy) * f);
      const flowCard = page.locator('.hover-card[data-kind="flow"]');
      if (await flowCard.isVisible()) {
        hovered = true;
        const key = (await flowCard.getAttribute('data-key'))!;
        const [s, t] = key.split('>');
        const flow = api.flows.find((x) => x.source === s && x.target === t)!;
        const name = (code: string) => api.regions.find((x) => x.code === code)!.name;
        expect(await flowCard.locator('b').textContent()).toBe(`${name(s)} → ${name(t)}`);
        expect(await flowCard.locator('[data-field="volume"]').textContent()).toContain(
          `${money(flow.volumeMlnRub)} млн руб.`,
        );
        await shot('10-hover-flow');
        break;
      }
    }
    expect(hovered).toBe(true);
  });
});
