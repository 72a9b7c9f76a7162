// Typed calls to the coopgraph API.
import type {
  ExploreNode,
  NodeKind,
  Overview as ServerOverview,
  Reference,
  Role,
  SearchHit,
  Subgraph,
} from '../../core/schemas';
export interface NodeDetail {
  id: string;
  type: string;
  properties: Record<string, unknown>;
  relationships: { type: string; direction: 'in' | 'out'; count: number }[];
  syntheticLinks: number;
}
/** A chain id of the reference data, or `all`. */
export type OverviewChain = string;
export interface Overview extends ServerOverview {
  chain: OverviewChain;
}
export interface Health {
  status: 'ok';
  neo4j: { reachable: boolean; version: string; edition: string };
  counts: Record<string, number>;
}

export interface ExpandRequest {
  id: string;
  rel?: string[];
  dir?: 'in' | 'out' | 'both';
  types?: NodeKind[];
  minVolume?: number;
  limit?: number;
  visible?: string[];
}
export interface ExpandResult extends Subgraph {
  node: ExploreNode;
  total: number;
  returned: number;
  truncated: boolean;
  summary: { rel: string; dir: 'in' | 'out'; type: NodeKind; count: number }[];
}
export interface PathResult extends Subgraph {
  found: boolean;
  length: number;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly reason?: string,
    /** The ids the error concerns (an export's unknown node ids). */
    readonly ids?: string[],
    /** A locked account: when the lock ends (ms since 1970). */
    readonly lockedUntil?: number,
  ) {
    super(message);
  }
}

/** The signed-in user, as GET /api/auth/session and sign-in answer. */
export interface SessionInfo {
  username: string;
  role: Role;
  csrf: string;
  mustChangePassword: boolean;
}

let csrfToken = '';
/** Every change the client sends carries the session's CSRF token (server/auth.ts). */
export const setCsrfToken = (token: string) => {
  csrfToken = token;
};
/** The token, for requests made outside this module (the export's streamed download). */
export const csrf = () => csrfToken;
/** Fired when the server answers 401: the session ended (signed out elsewhere, expired, disabled). */
export const SIGNED_OUT_EVENT = 'coopgraph:signed-out';

export async function failure(
  response: Response,
  data: { error?: string; message?: string; reason?: string; ids?: string[]; lockedUntil?: number } | null,
): Promise<never> {
  if (response.status === 401) window.dispatchEvent(new Event(SIGNED_OUT_EVENT));
  throw new ApiError(
    response.status,
    data?.error ?? 'http',
    data?.message ?? response.statusText,
    data?.reason,
    data?.ids,
    data?.lockedUntil,
  );
}

async function post<T>(path: string, body: unknown, signal?: AbortSignal): Promise<T> {
  const response = await fetch(path, {
    method: 'POST',
    signal,
    headers: { accept: 'application/json', 'content-type': 'application/json', 'x-csrf-token': csrfToken },
    body: JSON.stringify(body),
  });
  const data = await response.json().catch(() => ({}));
  if (!response.ok) return failure(response, data);
  return data as T;
}

/** A state-changing JSON request (POST, PUT, DELETE); an error answer becomes an ApiError. */
export async function sendJson<T>(method: 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<T> {
  const response = await fetch(path, {
    method,
    headers: {
      accept: 'application/json',
      'x-csrf-token': csrfToken,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const data = response.status === 204 ? null : await response.json().catch(() => ({}));
  if (!response.ok) return failure(response, data);
  return data as T;
}

/** GET of a JSON resource; an error answer becomes an ApiError with the server's reason. */
export async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  const response = await fetch(path, { signal, headers: { accept: 'application/json' } });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) return failure(response, body);
  return body as T;
}

export const api = {
  health: (signal?: AbortSignal) => getJson<Health>('/api/health', signal),
  search: (q: string, signal?: AbortSignal) =>
    getJson<{ hits: SearchHit[] }>(`/api/search?q=${encodeURIComponent(q)}&limit=20`, signal),
  reference: (signal?: AbortSignal) => getJson<Reference>('/api/reference', signal),
  overview: (chain: OverviewChain, signal?: AbortSignal) => getJson<Overview>(`/api/overview?chain=${chain}`, signal),
  node: (id: string, signal?: AbortSignal) => getJson<NodeDetail>(`/api/nodes/${encodeURIComponent(id)}`, signal),
  nodes: (ids: string[], signal?: AbortSignal) =>
    post<Subgraph & { missing: string[] }>('/api/explore/nodes', { ids }, signal),
  expand: (request: ExpandRequest, signal?: AbortSignal) => post<ExpandResult>('/api/explore/expand', request, signal),
  path: (from: string, to: string, directed: boolean, signal?: AbortSignal) =>
    getJson<PathResult>(
      `/api/explore/path?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}&directed=${directed}`,
      signal,
    ),
};
