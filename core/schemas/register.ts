// Loading the FNS open datasets (the SME register and its revenue and headcount companions) from
// their ZIP archives: the report of a load, its progress, and the background job the API runs it in.
import { Type, type Static } from '@sinclair/typebox';
import { Nullable } from './common.js';

const REGISTER_KINDS = ['register', 'revexp', 'headcount'] as const;
const RegisterKind = Type.Union(REGISTER_KINDS.map((k) => Type.Literal(k)));

/**
 * A document set aside (not loaded) or a tie skipped, by its place in the archive. A sole trader's
 * INN and name are never shown; an organisation's INN may be.
 */
export const RegisterSetAside = Type.Object({
  part: Type.String({ description: 'the ZIP member (part) holding the document' }),
  index: Type.Integer({ description: '1-based position of the document in its part' }),
  docId: Nullable(Type.String({ description: 'Документ/@ИдДок' })),
  code: Type.String({
    description:
      'no_inn | bad_inn | no_region | unknown_region | unreadable | no_customer_inn | bad_customer_inn (the tie is skipped, the subject loaded)',
  }),
  value: Type.Optional(
    Type.String({
      description: "the offending value when it is not personal data (an organisation's INN, a region code)",
    }),
  ),
  message: Type.String({ description: "the reason, in the request's language" }),
});
export type RegisterSetAside = Static<typeof RegisterSetAside>;

const RegisterCounts = Type.Object({
  documents: Type.Integer({ description: 'documents read' }),
  filtered: Type.Integer({ description: 'documents outside the regions or chains asked for' }),
  enterprises: Type.Integer({ description: 'enterprises written: created and updated (companions: figures written)' }),
  created: Type.Integer(),
  updated: Type.Integer(),
  ties: Type.Integer({ description: 'partnership programme and contract ties written' }),
  customers: Type.Integer({ description: 'customers created, known only from the ties' }),
  leftRegister: Type.Integer({
    description: 'register subjects in scope the dump no longer lists: marked as having left',
  }),
  matched: Type.Integer({ description: 'companions: INNs of enterprises the graph holds' }),
  unmatched: Type.Integer({ description: 'companions: INNs the graph does not hold' }),
  kept: Type.Integer({ description: "companions: matched, but a user's figure of the same or a later year kept" }),
});

export const RegisterReport = Type.Object({
  status: Type.Union([Type.Literal('completed'), Type.Literal('cancelled'), Type.Literal('failed')]),
  dryRun: Type.Boolean(),
  kind: Nullable(RegisterKind),
  datasetId: Nullable(
    Type.String({ description: 'fns-rsmp:YYYY-MM-DD (register), fns-revexp:YYYY, fns-sshr:YYYY (companions)' }),
  ),
  runId: Nullable(Type.String({ description: 'the ImportRun (GET /api/imports)' })),
  file: Type.String(),
  stateDate: Nullable(Type.String()),
  version: Nullable(Type.String({ description: 'Файл/@ВерсФорм' })),
  parts: Type.Integer(),
  filters: Type.Object({ regions: Type.Array(Type.String()), chains: Type.Array(Type.String()) }),
  counts: RegisterCounts,
  /** Every document set aside; `setAside` lists the first of them. */
  setAsideCount: Type.Integer(),
  setAside: Type.Array(RegisterSetAside),
  durationMs: Type.Integer(),
  error: Nullable(Type.String()),
});
export type RegisterReport = Static<typeof RegisterReport>;

export const RegisterProgress = Type.Object({
  phase: Type.Union([Type.Literal('reading'), Type.Literal('ties'), Type.Literal('finishing')]),
  documents: Type.Integer(),
  declaredDocuments: Nullable(Type.Integer({ description: 'Σ Файл/@КолДок: an estimate' })),
  parts: Type.Integer({ description: 'parts read' }),
  partsTotal: Type.Integer(),
  bytes: Type.Number({ description: 'uncompressed bytes read' }),
  totalBytes: Type.Number(),
  rate: Type.Number({ description: 'documents per second so far' }),
  etaSeconds: Nullable(Type.Number({ description: 'time left, from the bytes still to read' })),
  elapsedMs: Type.Integer(),
});
export type RegisterProgress = Static<typeof RegisterProgress>;

const REGISTER_JOB_STATUSES = ['running', 'completed', 'cancelled', 'failed'] as const;

/** A load running in the server process (jobs live in memory: a restart forgets them). */
export const RegisterJob = Type.Object({
  id: Type.String(),
  status: Type.Union(REGISTER_JOB_STATUSES.map((s) => Type.Literal(s))),
  file: Type.String(),
  user: Type.String(),
  dryRun: Type.Boolean(),
  startedAt: Type.Number({ description: 'epoch milliseconds' }),
  finishedAt: Nullable(Type.Number()),
  cancelRequested: Type.Boolean(),
  progress: Nullable(RegisterProgress),
  report: Nullable(RegisterReport),
  error: Nullable(Type.Object({ error: Type.String(), message: Type.String() })),
});
export type RegisterJob = Static<typeof RegisterJob>;

export const RegisterJobs = Type.Object({ jobs: Type.Array(RegisterJob) });
export type RegisterJobs = Static<typeof RegisterJobs>;
