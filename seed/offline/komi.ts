// The hand-made part of the seed (seed/komi: the organisations of the source article), loaded
// online after the offline import of the generated graph. The same steps as the first half of
// seedDatabase in seed/load.ts (technoparks, the Komi files through the import, support
// organisations); tests/integration/offline-import.test.ts compares the two seeds' graphs.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cypher, type Db } from '../../server/db.js';
import type { Settings } from '../../server/config.js';
import { importFiles, importOptions, type ImportReport } from '../../server/import/index.js';

const KOMI_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'komi');

interface Organisations {
  technoparks: { id: string; name: string; nameEn?: string; kind: string; region: string; source?: string }[];
  supportOrgs: {
    id: string;
    name: string;
    nameEn?: string;
    kind: string;
    region: string;
    supports: string[];
    source?: string;
  }[];
}

export async function loadKomi(db: Db, settings: Settings, dataset: string): Promise<ImportReport> {
  const organisations = JSON.parse(readFileSync(join(KOMI_DIR, 'organisations.json'), 'utf8')) as Organisations;
  await db.write(cypher('seed-technoparks'), {
    rows: organisations.technoparks.map((t) => ({ nameEn: null, source: null, ...t })),
    dataset,
  });
  const report = await importFiles(
    db,
    ['clusters.csv', 'enterprises.csv', 'links.csv'].map((f) => ({ path: join(KOMI_DIR, f) })),
    {
      ...importOptions(settings),
      aggregate: false,
      waitMs: Math.max(settings.importWaitMs, 30 * 60_000),
      dataset: { id: dataset, kind: 'seed' },
    },
  );
  if (!report.ok) {
    const lines = report.errors.slice(0, 20).map((e) => `  ${e.file}:${e.row ?? '-'} ${e.column ?? ''} ${e.message}`);
    throw new Error(`the Komi seed failed with ${report.errorCount} errors:\n${lines.join('\n')}`);
  }
  await db.write(cypher('seed-support-orgs'), {
    rows: organisations.supportOrgs.map((s) => ({ nameEn: null, source: null, ...s })),
    dataset,
  });
  return report;
}
