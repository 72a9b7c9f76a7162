// The basemap's data, in a module of its own so that the client loads it in a separate chunk, only
// when a view draws the basemap: Natural Earth's 1:50m countries (world-atlas) cut down to Russia
// at build time (vite.config.ts). 1:50m rather than 1:110m: at 110m Russia has about 600 vertices
// and its coasts look cut with scissors at the overview's scale; the 7,400 of 50m draw as cheaply
// (see the README's basemap figures).
import type { Topology } from 'topojson-specification';
import topology from 'virtual:basemap-topology';
import { RUSSIA_ID, basemapOf, type Basemap } from '../../../core/graph/basemap';

export function russiaBasemap(): Basemap {
  return basemapOf(topology as Topology, RUSSIA_ID);
}
