// The module vite.config.ts generates at build time: Russia's part of Natural Earth's 1:50m
// countries topology.
declare module 'virtual:basemap-topology' {
  import type { Topology } from 'topojson-specification';
  const topology: Topology;
  export default topology;
}
