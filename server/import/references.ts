// Between the passes: what the files refer to and do not define must already be in the database,
// and an INN must not belong to an enterprise other than the row's.
import type { Db } from '../db.js';
import { stageMatcher, type SmeLimits } from '../../core/reference.js';
import type { ChainRef } from '../../core/schemas.js';
import type { ValidationContext } from './validate.js';
import type { IssueList } from './issues.js';
import type { CheckedRows, References } from './rows.js';

const LOOKUP_BATCH = 20_000;

/** Regions, chains and stages as the database holds them: what rows are checked against. */
export async function loadContext(db: Db, sme: SmeLimits): Promise<ValidationContext> {
  const regions = await db.read('MATCH (r:Region) RETURN r.code AS code');
  const stages = await db.read(
    'MATCH (s:Stage) RETURN s.id AS id, s.chain AS chain, s.okved AS okved, s.order AS order, s.kind AS kind',
  );
  const chains = new Map<string, ChainRef>();
  for (const s of stages) {
    const chainId = String(s.chain);
    if (!chains.has(chainId)) chains.set(chainId, { id: chainId, name: chainId, nameEn: chainId, stages: [] });
    chains.get(chainId)!.stages.push({
      id: String(s.id),
      name: '',
      nameEn: '',
      order: Number(s.order),
      kind: s.kind as 'core',
      okved: s.okved as string[],
      feeds: [],
    });
  }
  return {
    regions: new Set(regions.map((r) => String(r.code))),
    chains: new Set(chains.keys()),
    matcher: stageMatcher([...chains.values()]),
    sme,
  };
}

/** Ids (or INNs) that the database already holds, looked up in batches. */
async function existing(db: Db, query: string, keys: string[]): Promise<Map<string, Record<string, unknown>>> {
  const found = new Map<string, Record<string, unknown>>();
  for (let i = 0; i < keys.length; i += LOOKUP_BATCH) {
    const rows = await db.read(query, { keys: keys.slice(i, i + LOOKUP_BATCH) });
    for (const r of rows) found.set(String(r.key), r);
  }
  return found;
}

export interface ResolvedReferences {
  /** Enterprises of the files whose INN another row of the files takes: released before the writes. */
  innHolders: Set<string>;
  /** Enterprises of the files the database holds already (the others take the fast CREATE path). */
  existingEnterprises: Set<string>;
}

export async function resolveReferences(db: Db, checked: CheckedRows, issues: IssueList): Promise<ResolvedReferences> {
  const { enterpriseRows, enterpriseInfo, innRows } = checked;
  // References that the files do not define must already be in the database.
  const checkRefs = async (refs: References, query: string, code: string) => {
    const keys = [...new Set(refs.keys.values())];
    const found = await existing(db, query, keys);
    for (const [fileKey, rows] of refs.rows) {
      const [file, column, key] = fileKey.split('\u0000');
      if (!found.has(key)) for (const row of rows) issues.add(file, row, { column, code, value: key });
    }
    return found;
  };
  await checkRefs(checked.clusterRefs, 'UNWIND $keys AS key MATCH (c:Cluster {id: key}) RETURN key', 'unknown_cluster');
  await checkRefs(
    checked.technoparkRefs,
    'UNWIND $keys AS key MATCH (t:Technopark {id: key}) RETURN key',
    'unknown_technopark',
  );
  const known = await checkRefs(
    checked.enterpriseRefs,
    'UNWIND $keys AS key MATCH (e:Enterprise {id: key}) RETURN key, coalesce(e.okvedAll, [e.okved]) AS okved, coalesce(e.stages, []) AS stages',
    'unknown_enterprise',
  );
  for (const [key, r] of known) enterpriseInfo.set(key, { okved: r.okved as string[], stages: r.stages as string[] });

  // Enterprises of the files whose INN another row of the files takes (a moved or swapped INN):
  // their INNs are released before the rows are written, whatever order the batches commit in.
  const innHolders = new Set<string>();
  if (innRows.size > 0) {
    const inns = [...innRows.keys()];
    for (let i = 0; i < inns.length; i += LOOKUP_BATCH) {
      const pairs = inns.slice(i, i + LOOKUP_BATCH).map((inn) => ({ inn, id: innRows.get(inn)!.id }));
      const taken = await db.read(
        'UNWIND $pairs AS p MATCH (e:Enterprise {inn: p.inn}) WHERE e.id <> p.id RETURN p.inn AS inn, e.id AS owner',
        { pairs },
      );
      for (const t of taken) {
        const at = innRows.get(String(t.inn))!;
        if (!enterpriseRows.has(String(t.owner))) {
          issues.add(at.file, at.row, {
            column: 'inn',
            code: 'duplicate_inn',
            value: String(t.inn),
            detail: `enterprise ${t.owner}`,
          });
        } else innHolders.add(String(t.owner));
      }
    }
  }
  innRows.clear();
  const existingEnterprises = new Set(
    (
      await existing(db, 'UNWIND $keys AS key MATCH (e:Enterprise {id: key}) RETURN key', [...enterpriseRows.keys()])
    ).keys(),
  );
  return { innHolders, existingEnterprises };
}
