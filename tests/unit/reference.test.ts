import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';

// Consistency checks for the reference data in seed/reference/.

interface FederalDistrict {
  id: string;
  name: string;
  short: string;
  nameEn: string;
}

interface Region {
  code: string;
  iso: string | null;
  name: string;
  nameEn: string;
  federalDistrict: string;
  center: string;
  centerEn: string;
  lat: number;
  lon: number;
}

interface Okved {
  code: string;
  name: string;
  nameEn: string;
}

interface Stage {
  id: string;
  name: string;
  nameEn: string;
  order: number;
  kind: 'core' | 'supplier' | 'service';
  okved: string[];
  feeds: string[];
  note?: string;
}

interface Chain {
  id: string;
  name: string;
  nameEn: string;
  stages: Stage[];
}

function load<T>(file: string): T {
  const url = new URL(`../../seed/reference/${file}`, import.meta.url);
  return JSON.parse(readFileSync(url, 'utf8')) as T;
}

const districts = load<FederalDistrict[]>('federal-districts.json');
const regions = load<Region[]>('regions.json');
const okved = load<Okved[]>('okved.json');
const { chains } = load<{ chains: Chain[] }>('chains.json');
const stages = chains.flatMap((c) => c.stages);
const stageById = new Map(stages.map((s) => [s.id, s]));

describe('federal districts', () => {
  it('has the 8 districts with the contract ids', () => {
    expect(districts.map((d) => d.id).sort()).toEqual(
      ['central', 'far-eastern', 'north-caucasian', 'northwestern', 'siberian', 'southern', 'ural', 'volga'].sort(),
    );
  });

  it('has Russian, short and English names', () => {
    for (const d of districts) {
      expect(d.name).toMatch(/федеральный округ$/);
      expect(d.short).toMatch(/^[А-ЯЁ]{3,4}$/);
      expect(d.nameEn).toMatch(/Federal District$/);
    }
    expect(districts.find((d) => d.id === 'northwestern')?.short).toBe('СЗФО');
  });
});

describe('regions', () => {
  it('has 89 unique 2-digit subject codes', () => {
    expect(regions).toHaveLength(89);
    const codes = regions.map((r) => r.code);
    for (const c of codes) expect(c).toMatch(/^\d{2}$/);
    expect(new Set(codes).size).toBe(89);
  });

  it('uses the current codes (no merged subjects, new subjects 90-95 present)', () => {
    const codes = new Set(regions.map((r) => r.code));
    for (const gone of ['80', '81', '82', '84', '85', '88']) expect(codes.has(gone)).toBe(false);
    for (const c of ['90', '91', '92', '93', '94', '95']) expect(codes.has(c)).toBe(true);
    const byCode = new Map(regions.map((r) => [r.code, r]));
    expect(byCode.get('59')?.center).toBe('Пермь');
    expect(byCode.get('41')?.center).toBe('Петропавловск-Камчатский');
    expect(byCode.get('75')?.center).toBe('Чита');
    expect(byCode.get('38')?.center).toBe('Иркутск');
    expect(byCode.get('77')?.nameEn).toBe('Moscow');
    expect(byCode.get('78')?.nameEn).toBe('Saint Petersburg');
    expect(byCode.get('92')?.nameEn).toBe('Sevastopol');
  });

  it('has Komi = 11 with centre Syktyvkar', () => {
    const komi = regions.find((r) => r.code === '11');
    expect(komi).toBeDefined();
    expect(komi?.name).toBe('Республика Коми');
    expect(komi?.iso).toBe('RU-KO');
    expect(komi?.federalDistrict).toBe('northwestern');
    expect(komi?.center).toBe('Сыктывкар');
    expect(komi?.centerEn).toBe('Syktyvkar');
  });

  it('has centre coordinates inside Russia’s bounding box, to 2 decimals', () => {
    for (const r of regions) {
      expect(r.lat, r.code).toBeGreaterThanOrEqual(41);
      expect(r.lat, r.code).toBeLessThanOrEqual(82);
      const lonOk = (r.lon >= 19 && r.lon <= 180) || (r.lon >= -180 && r.lon <= -168);
      expect(lonOk, `${r.code} lon ${r.lon}`).toBe(true);
      expect(Math.round(r.lat * 100) / 100).toBe(r.lat);
      expect(Math.round(r.lon * 100) / 100).toBe(r.lon);
    }
  });

  it('references existing federal districts', () => {
    const ids = new Set(districts.map((d) => d.id));
    for (const r of regions) expect(ids.has(r.federalDistrict), r.code).toBe(true);
  });

  it('has unique ISO 3166-2:RU codes where present', () => {
    const isos = regions.map((r) => r.iso).filter((i): i is string => i !== null);
    for (const i of isos) expect(i).toMatch(/^RU-[A-Z]{2,3}$/);
    expect(new Set(isos).size).toBe(isos.length);
    expect(isos).toHaveLength(83);
  });

  it('has non-empty names', () => {
    for (const r of regions) {
      for (const k of ['name', 'nameEn', 'center', 'centerEn'] as const)
        expect(r[k].length, `${r.code} ${k}`).toBeGreaterThan(0);
    }
  });
});

describe('okved', () => {
  it('has unique, well-formed codes with names', () => {
    const codes = okved.map((o) => o.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const o of okved) {
      expect(o.code).toMatch(/^\d{2}\.\d{2}(\.\d{1,2})?$/);
      expect(o.name.length).toBeGreaterThan(0);
      expect(o.nameEn.length).toBeGreaterThan(0);
    }
  });

  it('lists exactly the codes that stages use', () => {
    const known = new Set(okved.map((o) => o.code));
    const used = new Set(stages.flatMap((s) => s.okved));
    for (const s of stages) {
      expect(s.okved.length, s.id).toBeGreaterThan(0);
      for (const c of s.okved) expect(known.has(c), `${s.id} uses ${c}`).toBe(true);
    }
    for (const c of known) expect(used.has(c), `${c} is not used by any stage`).toBe(true);
  });
});

describe('chains', () => {
  it('has the timber and oilgas chains', () => {
    expect(chains.map((c) => c.id)).toEqual(['timber', 'oilgas']);
    expect(chains[0].name).toBe('Лесопромышленный комплекс');
    expect(chains[1].name).toBe('Нефтегазовый комплекс');
  });

  it('has unique stage ids prefixed with the chain id', () => {
    const ids = stages.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const c of chains) {
      for (const s of c.stages) expect(s.id.startsWith(`${c.id}.`), s.id).toBe(true);
    }
  });

  it('has valid kinds and orders', () => {
    for (const s of stages) {
      expect(['core', 'supplier', 'service']).toContain(s.kind);
      expect(Number.isInteger(s.order) && s.order >= 1, s.id).toBe(true);
    }
    for (const c of chains) {
      expect(c.stages.filter((s) => s.kind === 'core' && s.order === 1).length, c.id).toBeGreaterThan(0);
    }
  });

  it('feeds only existing stages of the same chain', () => {
    for (const c of chains) {
      for (const s of c.stages) {
        for (const f of s.feeds) {
          expect(stageById.has(f), `${s.id} -> ${f}`).toBe(true);
          expect(f.startsWith(`${c.id}.`), `${s.id} -> ${f}`).toBe(true);
          expect(f, s.id).not.toBe(s.id);
        }
      }
    }
  });

  it('has supplier and service stages that feed core stages', () => {
    for (const s of stages.filter((x) => x.kind !== 'core')) {
      expect(s.feeds.length, s.id).toBeGreaterThan(0);
      for (const f of s.feeds) expect(stageById.get(f)?.kind, `${s.id} -> ${f}`).toBe('core');
    }
  });

  it('has an acyclic FEEDS graph among core stages, flowing left to right', () => {
    const core = stages.filter((s) => s.kind === 'core');
    const coreIds = new Set(core.map((s) => s.id));
    const indegree = new Map(core.map((s) => [s.id, 0]));
    for (const s of core) {
      for (const f of s.feeds) {
        if (!coreIds.has(f)) continue;
        indegree.set(f, (indegree.get(f) ?? 0) + 1);
        expect(stageById.get(f)!.order, `${s.id} -> ${f}`).toBeGreaterThanOrEqual(s.order);
      }
    }
    // Kahn's algorithm: every core stage must be removed.
    const queue = core.filter((s) => indegree.get(s.id) === 0).map((s) => s.id);
    let removed = 0;
    while (queue.length > 0) {
      const id = queue.shift()!;
      removed++;
      for (const f of stageById.get(id)!.feeds) {
        if (!coreIds.has(f)) continue;
        const d = indegree.get(f)! - 1;
        indegree.set(f, d);
        if (d === 0) queue.push(f);
      }
    }
    expect(removed).toBe(core.length);
  });

  it('has no OKVED code shared by two stages of one chain, and only intended cross-chain sharing', () => {
    const owners = new Map<string, string[]>();
    for (const s of stages) {
      for (const c of s.okved) owners.set(c, [...(owners.get(c) ?? []), s.id]);
    }
    const shared: string[] = [];
    for (const [code, ids] of owners) {
      const chainIds = ids.map((id) => id.split('.')[0]);
      expect(new Set(chainIds).size, `${code}: ${ids.join(', ')}`).toBe(chainIds.length);
      if (ids.length > 1) shared.push(code);
    }
    expect(shared.sort()).toEqual(['33.12', '49.41', '71.12', '71.20']);
  });

  it('routes specific codes by the longest-prefix rule as intended', () => {
    const stageCodes = stages.flatMap((s) => s.okved.map((code) => ({ code, id: s.id })));
    const match = (enterpriseCode: string): string[] => {
      const hits = stageCodes.filter((x) => enterpriseCode === x.code || enterpriseCode.startsWith(`${x.code}.`));
      const best = Math.max(...hits.map((h) => h.code.length));
      return hits
        .filter((h) => h.code.length === best)
        .map((h) => h.id)
        .sort();
    };
    expect(match('71.12.3')).toEqual(['oilgas.exploration']);
    expect(match('71.12.12')).toEqual(['oilgas.engineering', 'timber.engineering']);
    expect(match('33.12')).toEqual(['oilgas.repair', 'timber.equipment-repair']);
    expect(match('19.20.2')).toEqual(['oilgas.gas-processing']);
    expect(match('19.20.1')).toEqual(['oilgas.refining']);
    expect(match('52.10.21')).toEqual(['oilgas.storage']);
    expect(match('52.10.9')).toEqual(['timber.warehousing']);
    expect(match('09.10.4')).toEqual(['oilgas.gas-processing']);
    expect(match('09.10.1')).toEqual(['oilgas.oilfield-services']);
    expect(match('16.29.15')).toEqual(['timber.pellets']);
    expect(match('20.14.1')).toEqual(['oilgas.petrochemicals']);
  });

  it('explains the gas processing code choice', () => {
    const gp = stageById.get('oilgas.gas-processing');
    expect(gp?.note?.length ?? 0).toBeGreaterThan(0);
    expect(stages.some((s) => s.id.startsWith('timber.') && s.okved.includes('20.14'))).toBe(false);
  });
});
