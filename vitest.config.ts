// The test tiers, one Vitest run. `npm test` (scripts/test.ts) picks tiers with `--project` and
// starts what they need: unit needs nothing; integration, faults and e2e share one Neo4j; e2e also
// needs the built client. Groups run one after another (unit, integration, faults, e2e), so the
// tiers on the shared Neo4j never overlap; within a Neo4j tier, files run one at a time in one
// process that keeps its loaded modules (the server, exceljs, pdfkit, playwright), instead of a
// process per file that loads them all again. Nothing in those tests mocks a module or keeps state
// in one; each file's state lives in its own module and its fixtures.
import { defineConfig } from 'vitest/config';

const oneFileAtATime = { pool: 'forks', isolate: false, poolOptions: { forks: { singleFork: true } } } as const;

export default defineConfig({
  test: {
    testTimeout: 120_000,
    hookTimeout: 300_000,
    reporters: ['default'],
    // Unit files share nothing, so they use both cores.
    maxWorkers: 2,
    projects: [
      { extends: true, test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], sequence: { groupOrder: 0 } } },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          sequence: { groupOrder: 1 },
          ...oneFileAtATime,
        },
      },
      {
        extends: true,
        test: {
          name: 'faults',
          include: ['tests/faults/**/*.test.ts'],
          sequence: { groupOrder: 2 },
          ...oneFileAtATime,
        },
      },
      {
        extends: true,
        test: { name: 'e2e', include: ['tests/e2e/**/*.test.ts'], sequence: { groupOrder: 3 }, ...oneFileAtATime },
      },
    ],
  },
});
