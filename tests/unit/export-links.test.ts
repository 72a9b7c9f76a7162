// The export's held links on their own: renumbering the ends when the links were read before the
// nodes (in another order), and the neighbours the geographic layout places unmapped nodes by.
import { describe, expect, it } from 'vitest';
import { HeldLinks } from '../../server/export-links.js';

/** A link as export-edges.cypher lists it: [end, id, type, volume, stage, product, synthetic, law, subject, number, date]. */
const row = (id: string, volume: number | null = null) => [
  'end',
  id,
  'SUPPLIES',
  volume,
  null,
  null,
  false,
  null,
  null,
  null,
  null,
];

function held(links: [string, number, number, number | null][]): HeldLinks {
  const h = new HeldLinks();
  for (const [id, s, t, v] of links) h.add(row(id, v), s, t);
  return h;
}

describe('held links', () => {
  it('renumber moves the ends to the new indices and drops links to a node mapped to -1', () => {
    // Read in element-id order a, b, c, d; the nodes end up as d=0, a=1, c=2, and b is not kept.
    const h = held([
      ['r1', 0, 1, 5],
      ['r2', 0, 2, 7],
      ['r3', 3, 0, null],
      ['r4', 1, 3, 2],
    ]);
    h.renumber(Int32Array.from([1, -1, 2, 0]));
    expect(h.size).toBe(2);
    expect([h.link(0).id, h.link(0).source, h.link(0).target, h.link(0).volumeMlnRub]).toEqual(['r2', 1, 2, 7]);
    expect([h.link(1).id, h.link(1).source, h.link(1).target, h.link(1).volumeMlnRub]).toEqual(['r3', 0, 1, null]);
    // The counts follow the new numbering.
    const counts = h.counts(3);
    expect([...counts.degree]).toEqual([1, 2, 1]);
    expect([...counts.volume]).toEqual([0, 7, 7]);
    // And the file's order: by start node (index), then link id.
    expect([...h.order(3)].map((i) => h.link(i).id)).toEqual(['r3', 'r2']);
  });

  it('neighboursOf lists the other end of every link of the nodes asked, either direction', () => {
    const h = held([
      ['r1', 0, 1, null],
      ['r2', 2, 0, null],
      ['r3', 1, 2, null],
      ['r4', 0, 1, null],
    ]);
    const n = h.neighboursOf([0, 3]);
    expect(n.get(0)).toEqual([1, 2, 1]);
    expect(n.get(3)).toEqual([]);
    expect(n.has(1)).toBe(false);
  });
});
