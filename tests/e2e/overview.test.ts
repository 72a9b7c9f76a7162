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
    await page.route('**/api/overview?chain=oilgas', (route) =>
      route.fulfill({
        status: 200,
        contentType: 'application/json',
        body: JSON.stringify({
          ...real,
          regions: real.regions.map((r) => ({ ...r, enterprises: 0, smes: 0, local: { volumeMlnRub: 0, links: 0 } })),
          flows: [],
        }),
      }),
    );
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

  it('keeps the search page working and switches back with the tab', async () => {
    await page.getByRole('link', { name: 'Поиск' }).click();
    await page.getByRole('searchbox').fill('Монди');
    await page.locator('[data-id="enterprise:mondi-syktyvkar"]').waitFor({ timeout: 10_000 });
    await page.goBack();
    await drawn('timber');
    await shot('06-back');
  });
});
