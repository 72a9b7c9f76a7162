// Typed calls to the coopgraph API.
export interface SearchHit {
  id: string; type: string; name: string; nameEn: string | null; region: string | null;
  regionName: string | null; inn: string | null; okved: string | null; size: string | null; score: number;
  matchedBy: 'name' | 'inn' | 'okved';
}
export interface NodeDetail {
  id: string; type: string; properties: Record<string, unknown>;
  relationships: { type: string; direction: 'in' | 'out'; count: number }[];
  syntheticLinks: number;
}
export interface Reference {
  federalDistricts: { id: string; name: string; short: string; nameEn: string }[];
  regions: { code: string; name: string; nameEn: string; federalDistrict: string }[];
  okved: { code: string; name: string; nameEn: string }[];
  chains: { id: string; name: string; nameEn: string; stages: { id: string; name: string; nameEn: string }[] }[];
}
export type OverviewChain = 'timber' | 'oilgas' | 'all';
export interface OverviewRegion {
  code: string; name: string; nameEn: string; federalDistrict: string; lat: number; lon: number;
  enterprises: number; smes: number; local: { volumeMlnRub: number; links: number };
}
export interface OverviewFlow { source: string; target: string; volumeMlnRub: number; links: number }
export interface Overview { chain: OverviewChain; regions: OverviewRegion[]; flows: OverviewFlow[] }
export interface Health {
  status: 'ok'; neo4j: { reachable: boolean; version: string; edition: string }; counts: Record<string, number>;
}

export class ApiError extends Error {
  constructor(readonly status: number, readonly code: string, message: string, readonly reason?: string) {
    super(message);
  }
}

async function get<T>(path: string, signal?: AbortSignal): Promise<T> {
  const response = await fetch(path, { signal, headers: { accept: 'application/json' } });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new ApiError(response.status, body.error ?? 'http', body.message ?? response.statusText, body.reason);
  return body as T;
}

export const api = {
  health: (signal?: AbortSignal) => get<Health>('/api/health', signal),
  search: (q: string, signal?: AbortSignal) => get<{ hits: SearchHit[] }>(`/api/search?q=${encodeURIComponent(q)}&limit=20`, signal),
  reference: (signal?: AbortSignal) => get<Reference>('/api/reference', signal),
  overview: (chain: OverviewChain, signal?: AbortSignal) => get<Overview>(`/api/overview?chain=${chain}`, signal),
  node: (id: string, signal?: AbortSignal) => get<NodeDetail>(`/api/nodes/${encodeURIComponent(id)}`, signal),
};
