// Gap analysis (issue 4): where SMEs can enter the chains, and who can partner. Definitions, for a
// chain c, a region r and a stage s of c (the README's "Gap analysis" section is the contract):
//
//   D(r,s)  demand: Σ volumeMlnRub of the supply links at stage s whose buyer is located in r
//   L(r,s)  local supply: the part of D whose supplier is located in r too
//   LSR     L / D (null when D = 0); imported volume D − L
//   mean import distance: Σ volume × great-circle distance (km) between the supplier's region
//           centre and r's centre, over the imported links, / Σ their volume (null when none)
//   presence: enterprises located in r operating at s, SMEs among them, their summed revenue
//   gap rules: 'no-local-enterprise'   D > 0 and no enterprise in r operates at s
//              'low-local-sourcing'    D > 0, some enterprise in r operates at s, LSR < threshold
//              'missing-upstream-link' no enterprise in r operates at s, but some operate at a
//                                      stage that s FEEDS
//   opportunities: the gaps with D > 0 ranked by score; those with D = 0 listed apart (structural)
//   verdicts (readiness): passed, failed or undetermined — an unknown figure never counts as 0, and a
//           check that the known figures cannot settle is undetermined, naming what is missing
//   Every figure is computed from unrounded inputs; answers round for display only.
//
// The per-(region, stage) figures ("cells") come from the pre-aggregated layer
// (server/aggregate.ts) when it holds them, and are computed live on small graphs otherwise —
// both through `buildStageCells`, so the two answers are the same. Opportunity scores, partner
// ranking, registry readiness and structural risks are computed from those figures and from
// small, region- or cluster-scoped queries (cypher/gaps-*.cypher). One file per analysis; this
// index is their public API.
export { type PresenceRow, type StageCell, type StageFlowRow } from '../gap-cells.js';
export {
  SME_SIZES,
  ruleMask,
  GapError,
  gapFigures,
  inChainOrder,
  type GapRule,
  type CellTable,
  type ChainInfo,
  type GapFigures,
  type RegionSummary,
} from './shared.js';
export { cellsFromAggregate, loadCells, type CellEffect, type GapOptions } from './cells.js';
export { gapReport, type ImportSource, type GapRow, type GapReport } from './report.js';
export { gapMatrix, regionGapCounts, type GapMatrix } from './matrix.js';
export { relatedness, smeSuitability, smeSuitabilityOf, type Relatedness, type SmeSuitability } from './relatedness.js';
export {
  OPPORTUNITY_FORMULA,
  opportunities,
  type Term,
  type Opportunity,
  type OpportunityReport,
} from './opportunities.js';
export { PARTNER_FORMULA, partners, type SmeRef, type Partner, type PartnerReport } from './partners.js';
export {
  readinessInputs,
  readiness,
  assessReadiness,
  combineVerdicts,
  dependenceVerdict,
  type MissingFigure,
  type Verdict,
  type ParticipantRef,
  type Participant,
  type Readiness,
  type RawParticipant,
  type ReadinessInputs,
} from './readiness.js';
export {
  RISK_LIST_LIMIT,
  networkRisks,
  risks,
  type EnterpriseRef,
  type NetworkEffect,
  type RiskReport,
} from './risks.js';
export {
  CANDIDATE_DEFAULTS,
  CANDIDATE_FORMULA,
  CandidateError,
  candidateQuestion,
  candidates,
  evidenceOf,
  rankCandidates,
  scoreCandidate,
  searchRegions,
  type CandidateRow,
  type RankContext,
} from './candidates.js';
