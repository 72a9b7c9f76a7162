// Cluster registry readiness (Government Decree 779).
import { cypher, type Db } from '../db.js';
import type { Settings } from '../config.js';
import { money, round } from '../gap-cells.js';
import { GapError } from './shared.js';
import type { Participant, ParticipantRef, Readiness } from '../../core/schemas.js';
export type { Participant, ParticipantRef, Readiness };

/** A participant as read from the graph: its supply to and from the other participants, by id. */
export interface RawParticipant {
  id: string;
  name: string;
  nameEn: string | null;
  role: string | null;
  region: string;
  size: string | null;
  revenueMlnRub: number | null;
  priorityTerritory: boolean;
  stages: string[];
  suppliedMlnRub: number;
  boughtMlnRub: number;
  buyers: string[];
  suppliers: string[];
  /** A participant of a what-if scenario, not of the real data. */
  hypothetical?: boolean;
}

/** What the readiness checks are computed from: the cluster and its participants. */
export interface ReadinessInputs {
  cluster: Readiness['cluster'];
  participants: RawParticipant[];
}

/** The cluster and its participants with their supply among each other (404 when no such cluster). */
export async function readinessInputs(db: Db, clusterId: string): Promise<ReadinessInputs> {
  const [row] = await db.read(cypher('gaps-readiness'), { id: clusterId });
  if (!row) throw new GapError(404, `no cluster ${clusterId}`);
  const raw = row.participants as (Omit<RawParticipant, 'priorityTerritory'> & { priorityTerritory: unknown })[];
  return {
    cluster: {
      id: String(row.id),
      name: String(row.name),
      nameEn: (row.nameEn as string | null) ?? null,
      kind: String(row.kind),
      status: String(row.status),
      chain: (row.chain as string | null) ?? null,
      regions: row.regions as string[],
    },
    participants: raw.map((p) => ({
      id: p.id,
      name: p.name,
      nameEn: p.nameEn ?? null,
      role: p.role ?? null,
      region: p.region,
      size: p.size ?? null,
      revenueMlnRub: p.revenueMlnRub ?? null,
      priorityTerritory: p.priorityTerritory === true,
      stages: p.stages ?? [],
      suppliedMlnRub: money(Number(p.suppliedMlnRub)),
      boughtMlnRub: money(Number(p.boughtMlnRub)),
      buyers: p.buyers,
      suppliers: p.suppliers,
    })),
  };
}

/** GET /api/clusters/:id/readiness. */
export async function readiness(db: Db, settings: Settings, clusterId: string): Promise<Readiness> {
  return assessReadiness(await readinessInputs(db, clusterId), settings);
}

/** The three registry checks of Decree 779 (thresholds from the settings) over a cluster's participants. */
export function assessReadiness(inputs: ReadinessInputs, settings: Settings): Readiness {
  const t = settings.registry;
  const participants: Participant[] = inputs.participants.map((p) => ({
    id: p.id,
    name: p.name,
    nameEn: p.nameEn,
    role: p.role,
    region: p.region,
    size: p.size,
    revenueMlnRub: p.revenueMlnRub,
    priorityTerritory: p.priorityTerritory,
    suppliedMlnRub: money(p.suppliedMlnRub),
    boughtMlnRub: money(p.boughtMlnRub),
    linkedParticipants: new Set([...p.buyers, ...p.suppliers]).size,
    ...(p.hypothetical ? { hypothetical: true } : {}),
  }));
  const ref = (p: Participant): ParticipantRef => ({ id: p.id, name: p.name });
  const n = participants.length;
  const without = participants.filter((p) => p.linkedParticipants === 0);
  const internal = money(participants.reduce((s, p) => s + p.suppliedMlnRub, 0));
  const revenue = money(participants.reduce((s, p) => s + (p.revenueMlnRub ?? 0), 0));
  const priority = participants.filter((p) => p.priorityTerritory).length;
  const priorityShare = n === 0 ? 0 : priority / n;
  const priorityThreshold = n > 0 && priorityShare >= t.priorityShare - 1e-12;
  const threshold = priorityThreshold ? t.minDependencePriority : t.minDependence;
  const value = revenue > 0 ? internal / revenue : null;
  const dependencePassed = value !== null && value >= threshold - 1e-12;
  const checks: Readiness['checks'] = {
    participants: { passed: n >= t.minParticipants, value: n, threshold: t.minParticipants },
    cooperation: {
      passed: without.length <= t.maxWithoutLinks,
      value: without.length,
      threshold: t.maxWithoutLinks,
      failing: without.map(ref),
    },
    dependence: {
      passed: dependencePassed,
      value: value === null ? null : round(value, 6),
      threshold,
      internalVolumeMlnRub: internal,
      revenueMlnRub: revenue,
      priorityParticipants: priority,
      priorityShare: round(priorityShare, 6),
      priorityThreshold,
      failing: dependencePassed ? [] : participants.filter((p) => p.suppliedMlnRub === 0).map(ref),
      revenueUnknown: participants.filter((p) => p.revenueMlnRub === null).map(ref),
    },
  };
  return {
    cluster: inputs.cluster,
    industrial: inputs.cluster.kind === 'industrial',
    thresholds: t,
    ready: checks.participants.passed && checks.cooperation.passed && checks.dependence.passed,
    checks,
    participants,
  };
}
