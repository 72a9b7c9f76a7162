// The explorer's view in the URL (after `#explore?`), so that a link or a reload restores it and the
// browser's back button steps through expansions, filters and layouts. Only what the view needs
// is kept: the node ids on screen, the selection, filters, appearance, layout, camera and path.
import {
  COLOR_BY,
  DEFAULT_APPEARANCE,
  LAYOUTS,
  LINK_KINDS,
  NO_FILTERS,
  SIZE_BY,
  type Appearance,
  type ColorBy,
  type Filters,
  type LayoutId,
  type SizeBy,
} from '../graph/model.js';
import { NODE_KINDS, type NodeKind } from '../schemas.js';

export interface Camera {
  x: number;
  y: number;
  ratio: number;
}
export interface PathQuery {
  from: string;
  to: string;
  directed: boolean;
}
export interface ViewState {
  nodes: string[];
  selected: string | null;
  filters: Filters;
  appearance: Appearance;
  layout: LayoutId;
  camera: Camera | null;
  path: PathQuery | null;
}
export const EMPTY_VIEW: ViewState = {
  nodes: [],
  selected: null,
  filters: NO_FILTERS,
  appearance: DEFAULT_APPEARANCE,
  layout: 'geo',
  camera: null,
  path: null,
};

/** What `nolink` may name: the kinds of link listed one by one, and `other` for the rest. */
const LINK_FILTER_KEYS: readonly string[] = [...LINK_KINDS, 'other'];

const list = (v: string | null) => (v ? v.split(',').filter(Boolean) : []);
const num = (v: string | null) => (v === null || v === '' || !Number.isFinite(Number(v)) ? null : Number(v));
const oneOf = <T extends string>(v: string | null, allowed: readonly T[], fallback: T): T =>
  allowed.includes(v as T) ? (v as T) : fallback;

export function encodeView(view: ViewState): string {
  const p = new URLSearchParams();
  if (view.nodes.length) p.set('n', view.nodes.join(','));
  if (view.selected) p.set('sel', view.selected);
  const f = view.filters;
  if (f.chain) p.set('chain', f.chain);
  if (f.stages.length) p.set('stage', f.stages.join(','));
  if (f.types.length) p.set('type', f.types.join(','));
  if (f.sizes.length) p.set('sme', f.sizes.join(','));
  if (f.regions.length) p.set('region', f.regions.join(','));
  if (f.districts.length) p.set('fd', f.districts.join(','));
  if (f.cluster) p.set('cluster', f.cluster);
  if (f.volumeMin !== null) p.set('vmin', String(f.volumeMin));
  if (f.volumeMax !== null) p.set('vmax', String(f.volumeMax));
  if (f.linksOff.length) p.set('nolink', f.linksOff.join(','));
  if (f.mode !== 'hide') p.set('fmode', f.mode);
  if (view.appearance.colorBy !== DEFAULT_APPEARANCE.colorBy) p.set('color', view.appearance.colorBy);
  if (view.appearance.sizeBy !== DEFAULT_APPEARANCE.sizeBy) p.set('size', view.appearance.sizeBy);
  if (view.layout !== 'geo') p.set('layout', view.layout);
  if (view.camera)
    p.set('cam', [view.camera.x, view.camera.y, view.camera.ratio].map((v) => Number(v.toFixed(4))).join(','));
  if (view.path) p.set('path', `${view.path.from},${view.path.to}${view.path.directed ? '' : ',any'}`);
  // Colons and commas are legal in a fragment: keep ids readable in the address bar.
  return p.toString().replace(/%3A/g, ':').replace(/%2C/g, ',');
}

export function decodeView(query: string): ViewState {
  const p = new URLSearchParams(query);
  const cam = list(p.get('cam')).map(Number);
  const path = list(p.get('path'));
  return {
    nodes: [...new Set(list(p.get('n')))],
    selected: p.get('sel'),
    filters: {
      chain: p.get('chain'),
      stages: list(p.get('stage')),
      types: list(p.get('type')).filter((k): k is NodeKind => NODE_KINDS.includes(k as NodeKind)),
      sizes: list(p.get('sme')),
      regions: list(p.get('region')),
      districts: list(p.get('fd')),
      cluster: p.get('cluster'),
      volumeMin: num(p.get('vmin')),
      volumeMax: num(p.get('vmax')),
      linksOff: [...new Set(list(p.get('nolink')))].filter((k) => LINK_FILTER_KEYS.includes(k)),
      mode: p.get('fmode') === 'grey' ? 'grey' : 'hide',
    },
    appearance: {
      colorBy: oneOf<ColorBy>(p.get('color'), COLOR_BY, DEFAULT_APPEARANCE.colorBy),
      sizeBy: oneOf<SizeBy>(p.get('size'), SIZE_BY, DEFAULT_APPEARANCE.sizeBy),
    },
    layout: oneOf<LayoutId>(p.get('layout'), LAYOUTS, 'geo'),
    camera:
      cam.length === 3 && cam.every(Number.isFinite) && cam[2] > 0 ? { x: cam[0], y: cam[1], ratio: cam[2] } : null,
    path: path.length >= 2 ? { from: path[0], to: path[1], directed: path[2] !== 'any' } : null,
  };
}

/** The hash of an explorer view. */
export const viewHash = (view: ViewState) => {
  const q = encodeView(view);
  return q ? `#explore?${q}` : '#explore';
};

/** The view in the current location, or null when the explorer is not the current view. */
export function viewFromLocation(hash: string): ViewState | null {
  if (hash !== '#explore' && !hash.startsWith('#explore?')) return null;
  return decodeView(hash.slice('#explore?'.length));
}
