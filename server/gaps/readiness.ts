// Cluster registry readiness (Government Decree 779).
import { cypher, type Db } from '../db.js';
import type { Settings } from '../config.js';
import { money, round } from '../gap-cells.js';
import { GapError } from './shared.js';
import type { MissingFigure, Participant, ParticipantRef, Readiness, Verdict } from '../../core/schemas.js';
export type { MissingFigure, Participant, ParticipantRef, Readiness, Verdict };

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

/** The verdict of several checks: any failed fails; else any undetermined leaves it undetermined. */
export function combineVerdicts(verdicts: Verdict[]): Verdict {
  if (verdicts.includes('failed')) return 'failed';
  return verdicts.includes('undetermined') ? 'undetermined' : 'passed';
}

/**
 * Functional dependence = internal volume / Σ participants' revenue. An unknown revenue is not
 * counted as 0: with any unknown, the known revenue is only a lower bound of the sum, so internal /
 * known is an upper bound of the dependence. Below the threshold it fails whatever the unknown
 * revenues are; at or above it the check is undetermined — it passes exactly when the unknown
 * revenues sum to at most internal / threshold − known.
 */
export function dependenceVerdict(
  internal: number,
  knownRevenue: number,
  unknownRevenues: number,
  threshold: number,
): { status: Verdict; value: number | null; upperBound: number | null; unknownRevenueLimit: number | null } {
  const EPS = 1e-12;
  if (unknownRevenues === 0) {
    if (knownRevenue <= 0) {
      // No output at all: nothing to divide by. Internal supply without revenue is contradictory data.
      return { status: 'undetermined', value: null, upperBound: null, unknownRevenueLimit: null };
    }
    const value = internal / knownRevenue;
    return {
      status: value >= threshold - EPS ? 'passed' : 'failed',
      value,
      upperBound: null,
      unknownRevenueLimit: null,
    };
  }
  // Nothing supplied between participants: the dependence is 0 (or undefined) whatever they earn.
  if (internal <= 0 && threshold > 0)
    return { status: 'failed', value: null, upperBound: knownRevenue > 0 ? 0 : null, unknownRevenueLimit: null };
  const upperBound = knownRevenue > 0 ? internal / knownRevenue : null;
  if (upperBound !== null && upperBound < threshold - EPS)
    return { status: 'failed', value: null, upperBound, unknownRevenueLimit: null };
  return {
    status: 'undetermined',
    value: null,
    upperBound,
    unknownRevenueLimit: threshold > 0 ? money(internal / threshold - knownRevenue) : null,
  };
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
  const verdict = (passed: boolean): Verdict => (passed ? 'passed' : 'failed');
  const n = participants.length;
  const without = participants.filter((p) => p.linkedParticipants === 0);
  const internal = money(participants.reduce((s, p) => s + p.suppliedMlnRub, 0));
  const unknown = participants.filter((p) => p.revenueMlnRub === null);
  const revenue = money(participants.reduce((s, p) => s + (p.revenueMlnRub ?? 0), 0));
  const priority = participants.filter((p) => p.priorityTerritory).length;
  const priorityShare = n === 0 ? 0 : priority / n;
  const priorityThreshold = n > 0 && priorityShare >= t.priorityShare - 1e-12;
  const threshold = priorityThreshold ? t.minDependencePriority : t.minDependence;
  const dep = dependenceVerdict(internal, revenue, unknown.length, threshold);
  const participantsStatus = verdict(n >= t.minParticipants);
  const cooperationStatus = verdict(without.length <= t.maxWithoutLinks);
  const checks: Readiness['checks'] = {
    participants: {
      status: participantsStatus,
      passed: participantsStatus === 'passed',
      value: n,
      threshold: t.minParticipants,
    },
    cooperation: {
      status: cooperationStatus,
      passed: cooperationStatus === 'passed',
      value: without.length,
      threshold: t.maxWithoutLinks,
      failing: without.map(ref),
    },
    dependence: {
      status: dep.status,
      passed: dep.status === 'passed',
      value: dep.value === null ? null : round(dep.value, 6),
      upperBound: dep.upperBound === null ? null : round(dep.upperBound, 6),
      threshold,
      internalVolumeMlnRub: internal,
      revenueMlnRub: revenue,
      unknownRevenueLimitMlnRub: dep.unknownRevenueLimit,
      priorityParticipants: priority,
      priorityShare: round(priorityShare, 6),
      priorityThreshold,
      failing: dep.status === 'passed' ? [] : participants.filter((p) => p.suppliedMlnRub === 0).map(ref),
      revenueUnknown: unknown.map(ref),
    },
  };
  const status = combineVerdicts([checks.participants.status, checks.cooperation.status, checks.dependence.status]);
  const missing: MissingFigure[] =
    checks.dependence.status === 'undetermined'
      ? unknown.map((p) => ({ id: p.id, name: p.name, figure: 'revenueMlnRub', check: 'dependence' }))
      : [];
  return {
    cluster: inputs.cluster,
    industrial: inputs.cluster.kind === 'industrial',
    thresholds: t,
    status,
    ready: status === 'passed',
    missing,
    checks,
    participants,
  };
}
