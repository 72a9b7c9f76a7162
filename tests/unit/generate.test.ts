import { loadReference } from '../../server/reference.js';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHash } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import {
  generateDataset,
  innChecksumValid,
  makeInn,
  completeInn,
  classifySize,
  deriveStages,
  createRng,
  SIZE_LIMITS,
  type RefChain,
  type RefRegion,
} from '../../seed/generate/index.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const komiDir = join(root, 'seed', 'komi');

type Row = Record<string, string>;
const readCsv = (path: string): Row[] => parse(readFileSync(path), { columns: true, skip_empty_lines: true }) as Row[];
const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

describe('INN check digits', () => {
  it('accepts known valid INNs', () => {
    expect(innChecksumValid('7707083893')).toBe(true); // Sberbank
    expect(innChecksumValid('500100732259')).toBe(true); // commonly cited 12-digit example
  });
  it('rejects wrong check digits and malformed input', () => {
    expect(innChecksumValid('7707083894')).toBe(false);
    expect(innChecksumValid('500100732258')).toBe(false);
    expect(innChecksumValid('500100732249')).toBe(false);
    expect(innChecksumValid('770708389')).toBe(false);
    expect(innChecksumValid('77070838930')).toBe(false);
    expect(innChecksumValid('77070a3893')).toBe(false);
    expect(innChecksumValid('')).toBe(false);
  });
  it('completeInn reproduces known check digits', () => {
    expect(completeInn('770708389')).toBe('7707083893');
    expect(completeInn('5001007322')).toBe('500100732259');
  });
  it('makeInn produces valid INNs with the region prefix', () => {
    const rand = createRng(42);
    for (const code of ['01', '11', '77', '95']) {
      for (let i = 0; i < 200; i++) {
        const legal = makeInn(code, rand, 'legal');
        const ind = makeInn(code, rand, 'individual');
        expect(legal).toMatch(/^\d{10}$/);
        expect(ind).toMatch(/^\d{12}$/);
        expect(legal.startsWith(code) && ind.startsWith(code)).toBe(true);
        expect(innChecksumValid(legal) && innChecksumValid(ind)).toBe(true);
      }
    }
  });
});

describe('209-FZ size classification', () => {
  it('uses staff and revenue limits', () => {
    expect(classifySize(15, 120)).toBe('micro');
    expect(classifySize(16, 10)).toBe('small');
    expect(classifySize(10, 121)).toBe('small');
    expect(classifySize(100, 800)).toBe('small');
    expect(classifySize(101, 100)).toBe('medium');
    expect(classifySize(250, 2000)).toBe('medium');
    expect(classifySize(251, 100)).toBe('large');
    expect(classifySize(50, 2001)).toBe('large');
  });
});

describe('generateDataset', () => {
  const N = 2000;
  let dirA = '';
  let dirB = '';
  let reference: { regions: RefRegion[]; chains: RefChain[] };
  let counts: { clusters: number; enterprises: number; links: number };
  let enterprises: Row[] = [];
  let links: Row[] = [];
  let clusters: Row[] = [];

  beforeAll(async () => {
    reference = loadReference();
    dirA = mkdtempSync(join(tmpdir(), 'coopgraph-gen-a-'));
    dirB = mkdtempSync(join(tmpdir(), 'coopgraph-gen-b-'));
    const resA = await generateDataset({ enterprises: N, outDir: dirA, reference });
    await generateDataset({ enterprises: N, outDir: dirB, reference });
    counts = resA.counts;
    enterprises = readCsv(resA.files.enterprises);
    links = readCsv(resA.files.links);
    clusters = readCsv(resA.files.clusters);
  }, 60_000);

  afterAll(() => {
    for (const d of [dirA, dirB]) if (d) rmSync(d, { recursive: true, force: true });
  });

  it('is deterministic: byte-identical files for the same options', () => {
    for (const f of ['clusters.csv', 'enterprises.csv', 'links.csv'])
      expect(sha(join(dirA, f))).toBe(sha(join(dirB, f)));
  });

  it('a different seed gives different data', async () => {
    const dirC = mkdtempSync(join(tmpdir(), 'coopgraph-gen-c-'));
    try {
      await generateDataset({ enterprises: 200, seed: 7, outDir: dirC, reference });
      const dirD = mkdtempSync(join(tmpdir(), 'coopgraph-gen-d-'));
      try {
        await generateDataset({ enterprises: 200, seed: 8, outDir: dirD, reference });
        expect(sha(join(dirC, 'enterprises.csv'))).not.toBe(sha(join(dirD, 'enterprises.csv')));
      } finally {
        rmSync(dirD, { recursive: true, force: true });
      }
    } finally {
      rmSync(dirC, { recursive: true, force: true });
    }
  });

  it('reports counts matching the files', () => {
    expect(enterprises.length).toBe(N);
    expect(counts.enterprises).toBe(N);
    expect(counts.links).toBe(links.length);
    expect(counts.clusters).toBe(clusters.length);
    expect(links.length).toBeGreaterThan(3 * N);
    expect(links.length).toBeLessThan(7 * N);
  });

  it('has the contract headers', () => {
    const head = (f: string) => readFileSync(join(dirA, f), 'utf8').split('\n', 1)[0];
    expect(
      head('enterprises.csv').startsWith(
        'id,inn,name,region,okved,employees,revenue_mln_rub,cluster,cluster_role,technopark,priority_territory',
      ),
    ).toBe(true);
    expect(head('links.csv').startsWith('supplier,buyer,product,okved,volume_mln_rub,since')).toBe(true);
    expect(head('clusters.csv').startsWith('id,name,kind,status,chain,regions')).toBe(true);
  });

  it('enterprises: ids, INNs, regions, sizes, stages', () => {
    const regionCodes = new Set(reference.regions.map((r) => r.code));
    const ids = new Set<string>();
    const inns = new Set<string>();
    for (const e of enterprises) {
      expect(e.id).toMatch(/^g-\d{6,}$/);
      expect(ids.has(e.id)).toBe(false);
      ids.add(e.id);
      expect(innChecksumValid(e.inn)).toBe(true);
      expect(inns.has(e.inn)).toBe(false);
      inns.add(e.inn);
      expect(regionCodes.has(e.region)).toBe(true);
      expect(e.inn.slice(0, 2)).toBe(e.region);
      expect(e.synthetic).toBe('true');
      const emp = Number(e.employees);
      const rev = Number(e.revenue_mln_rub);
      expect(Number.isInteger(emp) && emp >= 1).toBe(true);
      expect(rev).toBeGreaterThan(0);
      expect(classifySize(emp, rev)).toBe(e.size);
      if (e.size === 'micro') expect(emp <= SIZE_LIMITS.micro.employees && rev <= SIZE_LIMITS.micro.revenue).toBe(true);
      if (e.size === 'small') expect(emp <= SIZE_LIMITS.small.employees && rev <= SIZE_LIMITS.small.revenue).toBe(true);
      if (e.size === 'medium')
        expect(emp <= SIZE_LIMITS.medium.employees && rev <= SIZE_LIMITS.medium.revenue).toBe(true);
      expect(e.stages).toBe(deriveStages(e.okved.split(';'), reference.chains).join(';'));
      expect(e.stages.length).toBeGreaterThan(0);
      expect(['true', 'false']).toContain(e.priority_territory);
    }
    const sme = enterprises.filter((e) => e.size !== 'large').length / enterprises.length;
    expect(sme).toBeGreaterThan(0.9);
    const micro = enterprises.filter((e) => e.size === 'micro').length / enterprises.length;
    expect(micro).toBeGreaterThan(0.5);
  });

  it('links: endpoints exist, no self links, no duplicates, mostly along FEEDS', () => {
    const byId = new Map(enterprises.map((e) => [e.id, e]));
    const feeds = new Map<string, string[]>();
    for (const ch of reference.chains) for (const st of ch.stages) feeds.set(st.id, st.feeds);
    const keys = new Set<string>();
    let alongFeeds = 0;
    let local = 0;
    for (const l of links) {
      const s = byId.get(l.supplier);
      const b = byId.get(l.buyer);
      expect(s, l.supplier).toBeDefined();
      expect(b, l.buyer).toBeDefined();
      expect(l.supplier).not.toBe(l.buyer);
      const key = `${l.supplier}|${l.buyer}|${l.product}`;
      expect(keys.has(key)).toBe(false);
      keys.add(key);
      expect(Number(l.volume_mln_rub)).toBeGreaterThanOrEqual(0);
      expect(l.since).toMatch(/^(19|20)\d\d$/);
      expect(l.synthetic).toBe('true');
      expect(l.product.length).toBeGreaterThan(0);
      const bStages = new Set(b!.stages.split(';'));
      if (s!.stages.split(';').some((st) => (feeds.get(st) ?? []).some((f) => bStages.has(f)))) alongFeeds++;
      if (s!.region === b!.region) local++;
    }
    expect(alongFeeds / links.length).toBeGreaterThan(0.9);
    expect(local / links.length).toBeGreaterThan(0.1);
    expect(local / links.length).toBeLessThan(0.9);
  });

  it('clusters: ids, regions, members and roles', () => {
    const regionCodes = new Set(reference.regions.map((r) => r.code));
    const chainIds = new Set(reference.chains.map((c) => c.id));
    const clusterIds = new Set(clusters.map((c) => c.id));
    expect(clusters.length).toBeGreaterThanOrEqual(5);
    for (const c of clusters) {
      expect(c.id).toMatch(/^c-\d{2}-[a-z]+$/);
      expect(['industrial', 'innovative', 'regional-initiative']).toContain(c.kind);
      expect(['registered', 'applicant', 'forming']).toContain(c.status);
      expect(chainIds.has(c.chain)).toBe(true);
      const regs = c.regions.split(';');
      expect(regs[0]).toBe(c.id.slice(2, 4));
      for (const r of regs) expect(regionCodes.has(r)).toBe(true);
      expect(regs).not.toContain('11'); // Komi clusters come from seed/komi
      const members = enterprises.filter((e) => e.cluster === c.id);
      expect(members.length).toBeGreaterThanOrEqual(3);
      expect(members.some((m) => m.cluster_role === 'anchor')).toBe(true);
      for (const m of members) expect(regs).toContain(m.region);
    }
    for (const e of enterprises) {
      if (e.cluster) {
        expect(clusterIds.has(e.cluster)).toBe(true);
        expect(['anchor', 'participant', 'coordinator']).toContain(e.cluster_role);
      } else expect(e.cluster_role).toBe('');
    }
    // at least one cluster near the Decree 779 participant threshold and one with >= 30 % priority territories
    const sizes = clusters.map((c) => enterprises.filter((e) => e.cluster === c.id));
    expect(sizes.some((m) => m.length >= 9 && m.length <= 11)).toBe(true);
    expect(sizes.some((m) => m.filter((e) => e.priority_territory === 'true').length / m.length >= 0.3)).toBe(true);
  });
});

describe('Komi seed', () => {
  const reference = loadReference();
  const ents = readCsv(join(komiDir, 'enterprises.csv'));
  const links = readCsv(join(komiDir, 'links.csv'));
  const clusters = readCsv(join(komiDir, 'clusters.csv'));
  const orgs = JSON.parse(readFileSync(join(komiDir, 'organisations.json'), 'utf8')) as {
    technoparks: { id: string; region: string; kind: string }[];
    supportOrgs: { id: string; region: string; kind: string; supports: string[] }[];
  };

  it('enterprises are valid', () => {
    const regionCodes = new Set(reference.regions.map((r) => r.code));
    const clusterIds = new Set(clusters.map((c) => c.id));
    const tpIds = new Set(orgs.technoparks.map((t) => t.id));
    const ids = new Set<string>();
    const inns = new Set<string>();
    for (const e of ents) {
      expect(ids.has(e.id)).toBe(false);
      ids.add(e.id);
      expect(regionCodes.has(e.region)).toBe(true);
      expect(deriveStages(e.okved.split(';'), reference.chains).join(';')).toBe(e.stages);
      if (e.cluster) expect(clusterIds.has(e.cluster)).toBe(true);
      if (e.technopark) expect(tpIds.has(e.technopark)).toBe(true);
      if (e.synthetic === 'false') {
        expect(e.inn).toBe(''); // never invent identifiers for real organisations
        expect(e.source.length).toBeGreaterThan(0);
        if (e.synthetic_figures !== 'true') expect(e.employees + e.revenue_mln_rub).toBe('');
      } else {
        expect(e.synthetic).toBe('true');
        expect(e.id).toMatch(/^s-11-\d{4}$/);
        expect(innChecksumValid(e.inn)).toBe(true);
        expect(e.inn.startsWith('11')).toBe(true);
        expect(inns.has(e.inn)).toBe(false);
        inns.add(e.inn);
        expect(classifySize(Number(e.employees), Number(e.revenue_mln_rub))).toBe(e.size);
      }
    }
    expect(ents.some((e) => e.id === 'luzales' && e.synthetic === 'false')).toBe(true);
    expect(ents.some((e) => e.id === 'mondi-syktyvkar' && e.synthetic === 'false')).toBe(true);
  });

  it('links reference existing enterprises and are synthetic', () => {
    const byId = new Map(ents.map((e) => [e.id, e]));
    const keys = new Set<string>();
    for (const l of links) {
      expect(byId.has(l.supplier), l.supplier).toBe(true);
      expect(byId.has(l.buyer), l.buyer).toBe(true);
      expect(l.supplier).not.toBe(l.buyer);
      const key = `${l.supplier}|${l.buyer}|${l.product}`;
      expect(keys.has(key)).toBe(false);
      keys.add(key);
      expect(l.synthetic).toBe('true');
      // no invented relationship between two real organisations
      expect(byId.get(l.supplier)!.synthetic === 'false' && byId.get(l.buyer)!.synthetic === 'false').toBe(false);
    }
  });

  it('clusters and organisations are consistent', () => {
    const regionCodes = new Set(reference.regions.map((r) => r.code));
    const targets = new Set([...clusters.map((c) => c.id), ...orgs.technoparks.map((t) => t.id)]);
    expect(clusters.map((c) => c.id).sort()).toEqual(['c-11-oilgas', 'c-11-timber']);
    for (const t of orgs.technoparks) expect(regionCodes.has(t.region)).toBe(true);
    const kinds = [
      'cluster-centre',
      'my-business-centre',
      'ministry',
      'association',
      'bank',
      'university',
      'fund',
      'government',
    ];
    for (const o of orgs.supportOrgs) {
      expect(kinds).toContain(o.kind);
      expect(regionCodes.has(o.region)).toBe(true);
      for (const s of o.supports) expect(targets.has(s), s).toBe(true);
    }
    expect(orgs.technoparks.some((t) => t.id === 'tp-algraf')).toBe(true);
  });
});
