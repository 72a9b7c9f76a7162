// One typed settings object. Every setting has a default and an environment variable;
// `loadSettings` validates them and fails with a message that names the variable.
import { DEFAULT_SME_LIMITS, type SmeLimits } from '../core/reference.js';
import type { FileLimits } from './import/limits.js';

export type { SmeLimits };

/** Decree 779 (31.07.2015, as amended) thresholds for the industrial cluster registry. */
export interface RegistryThresholds {
  /** Industrial participants a cluster needs, at least. */
  minParticipants: number;
  /** Participants allowed without any supply link to another participant, at most. */
  maxWithoutLinks: number;
  /** Functional dependence (Σ volume between participants / Σ participants' revenue) needed, at least (0–1). */
  minDependence: number;
  /** The same where enough participants work in priority territories (0–1). */
  minDependencePriority: number;
  /** Share of participants in priority territories from which the lower threshold applies (0–1). */
  priorityShare: number;
}

/** Ceilings of an FNS archive, in the settings' units (the reader's are bytes: server/register/zip.ts). */
export interface RegisterFileLimits {
  /** Members of the archive (a national dump has about 7,000 parts). */
  maxEntries: number;
  /** Inflated megabytes of one member (a real part is a few MB). */
  maxEntryMb: number;
  /** Inflated ÷ packed bytes of one member, judged from 1 MB inflated on (a decompression bomb). */
  maxRatio: number;
  /** Megabytes of one `Документ` as UTF-8 (616 OKVED codes take about 80 KB). */
  maxDocumentMb: number;
}

export interface Settings {
  host: string;
  port: number;
  /** When empty, the project's own Neo4j is started (see scripts/neo4j.ts). */
  neo4jUri: string;
  neo4jUser: string;
  neo4jPassword: string;
  neo4jDatabase: string;
  embeddedBoltPort: number;
  embeddedHome: string;
  embeddedHeap: string;
  embeddedPageCache: string;
  queryTimeoutMs: number;
  importTimeoutMs: number;
  importBatchSize: number;
  importMaxErrors: number;
  /** How long an import waits for one that runs elsewhere (another server process) before giving up. */
  importWaitMs: number;
  /** Imports (dry runs included) that read their files at the same time in one server process. */
  importMaxParallel: number;
  uploadMaxMb: number;
  /** Files in one upload, plain fields beside them, and the kilobytes of one field. */
  uploadMaxFiles: number;
  uploadMaxFields: number;
  uploadMaxFieldKb: number;
  /** Time a client has to send a whole request, headers and body (a slow sender is cut off with 408). */
  requestTimeoutMs: number;
  /** Ceilings of every CSV/XLSX file an import reads. */
  importFile: FileLimits;
  /** Ceilings of every FNS archive the register load reads (server/register/zip.ts). */
  registerFile: RegisterFileLimits;
  searchMaxLimit: number;
  /** Neighbours an expansion in the explorer returns when the request names no limit. */
  expandLimit: number;
  sme: SmeLimits;
  /** Gap analysis: a stage with demand is a gap where the local sourcing ratio is below this (0–1). */
  gapLsrThreshold: number;
  registry: RegistryThresholds;
  /** Most nodes one export may hold. */
  exportMaxNodes: number;
  /** Accounts: a session lasts this long after sign-in (hours). */
  sessionHours: number;
  /** How long a server process trusts a session it looked up (ms; 0: ask Neo4j on every request). */
  sessionCacheMs: number;
  /** Failed sign-ins in a row that lock an account, and for how long (minutes). */
  loginMaxFailures: number;
  lockoutMinutes: number;
  /** Sign-in attempts one client address may make per minute (per server process). */
  loginRatePerMinute: number;
  /** The first admin's password; empty: a one-time password is generated and printed at the first start. */
  adminPassword: string;
  /** Requests one session (or, without one, one client address) may make per minute, per server process. */
  rateLimitPerMinute: number;
  /** Largest JSON request body, KB. */
  bodyLimitKb: number;
  /** Behind a TLS-terminating proxy: trust X-Forwarded-Proto/-For (cookies get Secure when the original request was HTTPS). */
  trustProxy: boolean;
  /**
   * What `npm start` puts into a database: 'demo' loads the demo seed when the database holds no
   * enterprise yet (and never again once the seed was removed as a dataset); 'reference' applies
   * the schema and the reference data (regions, chains, stages, industries) and loads no seed.
   */
  startData: StartData;
  /** Generated enterprises of the demo seed beside the Komi organisations (0: the Komi organisations alone). */
  seedEnterprises: number;
}

export const START_DATA = ['demo', 'reference'] as const;
export type StartData = (typeof START_DATA)[number];
/** Most generated enterprises the seed takes. */
export const SEED_ENTERPRISES_MAX = 5_000_000;

/** Largest `limit` of an expansion, and the most ids one explorer request may list. */
export const EXPAND_MAX = 5000;

export const DEFAULT_SETTINGS: Settings = {
  host: '127.0.0.1',
  port: 8080,
  neo4jUri: '',
  neo4jUser: 'neo4j',
  neo4jPassword: '',
  neo4jDatabase: 'neo4j',
  embeddedBoltPort: 7687,
  embeddedHome: '.neo4j/main',
  embeddedHeap: '2g',
  embeddedPageCache: '1g',
  queryTimeoutMs: 10_000,
  importTimeoutMs: 120_000,
  importBatchSize: 5_000,
  importMaxErrors: 1_000,
  importWaitMs: 120_000,
  importMaxParallel: 2,
  uploadMaxMb: 512,
  uploadMaxFiles: 10,
  uploadMaxFields: 20,
  uploadMaxFieldKb: 64,
  requestTimeoutMs: 300_000,
  importFile: {
    maxRows: 2_000_000,
    maxColumns: 200,
    maxRowCells: 16_384,
    maxCellChars: 10_000,
    xlsxMaxEntries: 1_000,
    xlsxMaxEntryMb: 256,
    xlsxMaxRatio: 200,
    xlsxMaxSharedStrings: 2_000_000,
    xlsxMaxStylesMb: 8,
    xlsxMaxTotalMb: 1024,
  },
  registerFile: {
    maxEntries: 100_000,
    maxEntryMb: 2048,
    maxRatio: 200,
    maxDocumentMb: 16,
  },
  searchMaxLimit: 100,
  expandLimit: 200,
  sme: { ...DEFAULT_SME_LIMITS },
  gapLsrThreshold: 0.5,
  registry: {
    minParticipants: 10,
    maxWithoutLinks: 3,
    minDependence: 0.2,
    minDependencePriority: 0.1,
    priorityShare: 0.3,
  },
  exportMaxNodes: 100_000,
  sessionHours: 12,
  sessionCacheMs: 2000,
  loginMaxFailures: 5,
  lockoutMinutes: 15,
  loginRatePerMinute: 30,
  adminPassword: '',
  trustProxy: false,
  rateLimitPerMinute: 1200,
  bodyLimitKb: 1024,
  startData: 'demo',
  seedEnterprises: 3_000,
};

type Env = Record<string, string | undefined>;

/** Environment variable → setting path, with the kind of value it holds. */
const SETTING_VARIABLES: [string, string, 'string' | 'int' | 'size' | 'fraction' | 'bool'][] = [
  ['HOST', 'host', 'string'],
  ['PORT', 'port', 'int'],
  ['NEO4J_URI', 'neo4jUri', 'string'],
  ['NEO4J_USER', 'neo4jUser', 'string'],
  ['NEO4J_PASSWORD', 'neo4jPassword', 'string'],
  ['NEO4J_DATABASE', 'neo4jDatabase', 'string'],
  ['COOPGRAPH_NEO4J_PORT', 'embeddedBoltPort', 'int'],
  ['COOPGRAPH_NEO4J_HOME', 'embeddedHome', 'string'],
  ['COOPGRAPH_NEO4J_HEAP', 'embeddedHeap', 'size'],
  ['COOPGRAPH_NEO4J_PAGECACHE', 'embeddedPageCache', 'size'],
  ['QUERY_TIMEOUT_MS', 'queryTimeoutMs', 'int'],
  ['IMPORT_TIMEOUT_MS', 'importTimeoutMs', 'int'],
  ['IMPORT_BATCH_SIZE', 'importBatchSize', 'int'],
  ['IMPORT_MAX_ERRORS', 'importMaxErrors', 'int'],
  ['IMPORT_WAIT_MS', 'importWaitMs', 'int'],
  ['IMPORT_MAX_PARALLEL', 'importMaxParallel', 'int'],
  ['UPLOAD_MAX_MB', 'uploadMaxMb', 'int'],
  ['UPLOAD_MAX_FILES', 'uploadMaxFiles', 'int'],
  ['UPLOAD_MAX_FIELDS', 'uploadMaxFields', 'int'],
  ['UPLOAD_MAX_FIELD_KB', 'uploadMaxFieldKb', 'int'],
  ['COOPGRAPH_REQUEST_TIMEOUT_MS', 'requestTimeoutMs', 'int'],
  ['IMPORT_MAX_ROWS', 'importFile.maxRows', 'int'],
  ['IMPORT_MAX_COLUMNS', 'importFile.maxColumns', 'int'],
  ['IMPORT_MAX_ROW_CELLS', 'importFile.maxRowCells', 'int'],
  ['IMPORT_MAX_CELL_CHARS', 'importFile.maxCellChars', 'int'],
  ['IMPORT_XLSX_MAX_ENTRIES', 'importFile.xlsxMaxEntries', 'int'],
  ['IMPORT_XLSX_MAX_ENTRY_MB', 'importFile.xlsxMaxEntryMb', 'int'],
  ['IMPORT_XLSX_MAX_RATIO', 'importFile.xlsxMaxRatio', 'int'],
  ['IMPORT_XLSX_MAX_SHARED_STRINGS', 'importFile.xlsxMaxSharedStrings', 'int'],
  ['IMPORT_XLSX_MAX_STYLES_MB', 'importFile.xlsxMaxStylesMb', 'int'],
  ['IMPORT_XLSX_MAX_TOTAL_MB', 'importFile.xlsxMaxTotalMb', 'int'],
  ['REGISTER_MAX_ENTRIES', 'registerFile.maxEntries', 'int'],
  ['REGISTER_MAX_ENTRY_MB', 'registerFile.maxEntryMb', 'int'],
  ['REGISTER_MAX_RATIO', 'registerFile.maxRatio', 'int'],
  ['REGISTER_MAX_DOCUMENT_MB', 'registerFile.maxDocumentMb', 'int'],
  ['SEARCH_MAX_LIMIT', 'searchMaxLimit', 'int'],
  ['COOPGRAPH_EXPAND_LIMIT', 'expandLimit', 'int'],
  ['SME_MICRO_MAX_EMPLOYEES', 'sme.microEmployees', 'int'],
  ['SME_MICRO_MAX_REVENUE_MLN_RUB', 'sme.microRevenueMlnRub', 'int'],
  ['SME_SMALL_MAX_EMPLOYEES', 'sme.smallEmployees', 'int'],
  ['SME_SMALL_MAX_REVENUE_MLN_RUB', 'sme.smallRevenueMlnRub', 'int'],
  ['SME_MEDIUM_MAX_EMPLOYEES', 'sme.mediumEmployees', 'int'],
  ['SME_MEDIUM_MAX_REVENUE_MLN_RUB', 'sme.mediumRevenueMlnRub', 'int'],
  ['GAP_LSR_THRESHOLD', 'gapLsrThreshold', 'fraction'],
  ['REGISTRY_MIN_PARTICIPANTS', 'registry.minParticipants', 'int'],
  ['REGISTRY_MAX_WITHOUT_LINKS', 'registry.maxWithoutLinks', 'int'],
  ['REGISTRY_MIN_DEPENDENCE', 'registry.minDependence', 'fraction'],
  ['REGISTRY_MIN_DEPENDENCE_PRIORITY', 'registry.minDependencePriority', 'fraction'],
  ['REGISTRY_PRIORITY_SHARE', 'registry.priorityShare', 'fraction'],
  ['EXPORT_MAX_NODES', 'exportMaxNodes', 'int'],
  ['COOPGRAPH_SESSION_HOURS', 'sessionHours', 'int'],
  ['COOPGRAPH_SESSION_CACHE_MS', 'sessionCacheMs', 'int'],
  ['COOPGRAPH_LOGIN_MAX_FAILURES', 'loginMaxFailures', 'int'],
  ['COOPGRAPH_LOCKOUT_MINUTES', 'lockoutMinutes', 'int'],
  ['COOPGRAPH_LOGIN_RATE_PER_MINUTE', 'loginRatePerMinute', 'int'],
  ['COOPGRAPH_ADMIN_PASSWORD', 'adminPassword', 'string'],
  ['COOPGRAPH_TRUST_PROXY', 'trustProxy', 'bool'],
  ['COOPGRAPH_RATE_PER_MINUTE', 'rateLimitPerMinute', 'int'],
  ['COOPGRAPH_BODY_LIMIT_KB', 'bodyLimitKb', 'int'],
  ['COOPGRAPH_START_DATA', 'startData', 'string'],
  ['SEED_ENTERPRISES', 'seedEnterprises', 'int'],
];

export class SettingsError extends Error {}

export function loadSettings(env: Env = process.env): Settings {
  const settings: Settings = structuredClone(DEFAULT_SETTINGS);
  for (const [variable, path, kind] of SETTING_VARIABLES) {
    const raw = env[variable];
    if (raw === undefined || raw === '') continue;
    let value: string | number | boolean = raw;
    if (kind === 'bool') {
      if (!/^(true|false|1|0)$/i.test(raw)) throw new SettingsError(`${variable} must be true or false, got "${raw}"`);
      value = /^(true|1)$/i.test(raw);
    } else if (kind === 'int') {
      if (!/^\d+$/.test(raw)) throw new SettingsError(`${variable} must be a non-negative integer, got "${raw}"`);
      value = Number(raw);
    } else if (kind === 'fraction') {
      if (!/^(0|1)?(\.\d+)?$/.test(raw) || Number(raw) > 1)
        throw new SettingsError(`${variable} must be a fraction from 0 to 1 such as 0.5, got "${raw}"`);
      value = Number(raw);
    } else if (kind === 'size' && !/^\d+[kmg]?$/i.test(raw)) {
      throw new SettingsError(`${variable} must be a size such as 512m or 2g, got "${raw}"`);
    }
    const keys = path.split('.');
    let target: Record<string, unknown> = settings as unknown as Record<string, unknown>;
    for (const key of keys.slice(0, -1)) target = target[key] as Record<string, unknown>;
    target[keys[keys.length - 1]] = value;
  }
  validateSettings(settings);
  return settings;
}

function validateSettings(s: Settings): void {
  if (s.neo4jUri && !/^(neo4j|bolt)(\+s|\+ssc)?:\/\/.+/.test(s.neo4jUri)) {
    throw new SettingsError(
      `NEO4J_URI must start with neo4j://, neo4j+s://, bolt:// or bolt+s://, got "${s.neo4jUri}"`,
    );
  }
  if (s.port < 1 || s.port > 65535) throw new SettingsError(`PORT out of range: ${s.port}`);
  if (s.importBatchSize < 1) throw new SettingsError('IMPORT_BATCH_SIZE must be at least 1');
  if (s.requestTimeoutMs < 1000) throw new SettingsError('COOPGRAPH_REQUEST_TIMEOUT_MS must be at least 1000');
  for (const [name, v] of [
    ['IMPORT_MAX_PARALLEL', s.importMaxParallel],
    ['UPLOAD_MAX_FILES', s.uploadMaxFiles],
    ['UPLOAD_MAX_FIELDS', s.uploadMaxFields],
    ['UPLOAD_MAX_FIELD_KB', s.uploadMaxFieldKb],
    ['IMPORT_MAX_ROWS', s.importFile.maxRows],
    ['IMPORT_MAX_COLUMNS', s.importFile.maxColumns],
    ['IMPORT_MAX_ROW_CELLS', s.importFile.maxRowCells],
    ['IMPORT_MAX_CELL_CHARS', s.importFile.maxCellChars],
    ['IMPORT_XLSX_MAX_ENTRIES', s.importFile.xlsxMaxEntries],
    ['IMPORT_XLSX_MAX_ENTRY_MB', s.importFile.xlsxMaxEntryMb],
    ['IMPORT_XLSX_MAX_RATIO', s.importFile.xlsxMaxRatio],
    ['IMPORT_XLSX_MAX_SHARED_STRINGS', s.importFile.xlsxMaxSharedStrings],
    ['IMPORT_XLSX_MAX_STYLES_MB', s.importFile.xlsxMaxStylesMb],
    ['IMPORT_XLSX_MAX_TOTAL_MB', s.importFile.xlsxMaxTotalMb],
    ['REGISTER_MAX_ENTRIES', s.registerFile.maxEntries],
    ['REGISTER_MAX_ENTRY_MB', s.registerFile.maxEntryMb],
    ['REGISTER_MAX_RATIO', s.registerFile.maxRatio],
    ['REGISTER_MAX_DOCUMENT_MB', s.registerFile.maxDocumentMb],
  ] as const) {
    if (!(v >= 1)) throw new SettingsError(`${name} must be at least 1, got ${v}`);
  }
  if (s.queryTimeoutMs < 1) throw new SettingsError('QUERY_TIMEOUT_MS must be at least 1');
  if (s.sessionHours < 1) throw new SettingsError('COOPGRAPH_SESSION_HOURS must be at least 1');
  if (s.sessionCacheMs < 0 || s.sessionCacheMs > 60_000)
    throw new SettingsError(`COOPGRAPH_SESSION_CACHE_MS must be 0–60000, got ${s.sessionCacheMs}`);
  if (s.loginMaxFailures < 1) throw new SettingsError('COOPGRAPH_LOGIN_MAX_FAILURES must be at least 1');
  if (s.rateLimitPerMinute < 1) throw new SettingsError('COOPGRAPH_RATE_PER_MINUTE must be at least 1');
  if (s.bodyLimitKb < 16) throw new SettingsError('COOPGRAPH_BODY_LIMIT_KB must be at least 16');
  if (s.loginRatePerMinute < 1) throw new SettingsError('COOPGRAPH_LOGIN_RATE_PER_MINUTE must be at least 1');
  if (s.adminPassword && s.adminPassword.length < 10)
    throw new SettingsError('COOPGRAPH_ADMIN_PASSWORD must have at least 10 characters');
  if (!(START_DATA as readonly string[]).includes(s.startData))
    throw new SettingsError(`COOPGRAPH_START_DATA must be ${START_DATA.join(' or ')}, got "${s.startData}"`);
  if (s.seedEnterprises > SEED_ENTERPRISES_MAX)
    throw new SettingsError(`SEED_ENTERPRISES must be from 0 to ${SEED_ENTERPRISES_MAX}, got ${s.seedEnterprises}`);
  if (s.expandLimit < 1 || s.expandLimit > EXPAND_MAX)
    throw new SettingsError(`COOPGRAPH_EXPAND_LIMIT must be 1–${EXPAND_MAX}, got ${s.expandLimit}`);
  for (const [name, v] of [
    ['GAP_LSR_THRESHOLD', s.gapLsrThreshold],
    ['REGISTRY_MIN_DEPENDENCE', s.registry.minDependence],
    ['REGISTRY_MIN_DEPENDENCE_PRIORITY', s.registry.minDependencePriority],
    ['REGISTRY_PRIORITY_SHARE', s.registry.priorityShare],
  ] as const) {
    if (!(v >= 0 && v <= 1)) throw new SettingsError(`${name} must be from 0 to 1, got ${v}`);
  }
  const m = s.sme;
  if (!(m.microEmployees <= m.smallEmployees && m.smallEmployees <= m.mediumEmployees)) {
    throw new SettingsError('SME employee limits must grow: micro ≤ small ≤ medium');
  }
  if (!(m.microRevenueMlnRub <= m.smallRevenueMlnRub && m.smallRevenueMlnRub <= m.mediumRevenueMlnRub)) {
    throw new SettingsError('SME revenue limits must grow: micro ≤ small ≤ medium');
  }
}

/** True when the project should run its own Neo4j rather than connect to NEO4J_URI. */
export function usesEmbeddedNeo4j(s: Settings): boolean {
  return s.neo4jUri === '';
}
