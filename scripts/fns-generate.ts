// `npm run fns:generate -- --documents N [--out DIR | --file PATH] [--seed S] [--version 4.05] [--regions 11,29]
//   [--state-date 2026-02-10] [--per-part 900] [--encoding utf-8|windows-1251] [--companions]`:
// writes a synthetic SME register ZIP in the FNS layout (seed/fns/generate.ts), and with
// --companions the revenue/expenses and headcount ZIPs for its organisations. Fictional firms only.
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  writeCompanionZip,
  writeRegisterZip,
  type PartEncoding,
  type RegisterOptions,
  type RegisterVersion,
} from '../seed/fns/generate.js';

const { values } = parseArgs({
  options: {
    documents: { type: 'string', default: '10000' },
    out: { type: 'string', default: '.data/fns' },
    file: { type: 'string' },
    seed: { type: 'string', default: '1' },
    version: { type: 'string', default: '4.05' },
    regions: { type: 'string' },
    'state-date': { type: 'string', default: '2026-02-10' },
    'per-part': { type: 'string', default: '900' },
    encoding: { type: 'string', default: 'utf-8' },
    companions: { type: 'boolean', default: false },
  },
});

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}
const documents = Number(values.documents);
if (!Number.isInteger(documents) || documents < 0 || documents > 8_000_000)
  fail('--documents must be a whole number between 0 and 8,000,000');
if (!['4.01', '4.04', '4.05', '4.06'].includes(values.version)) fail('--version is one of 4.01, 4.04, 4.05, 4.06');
if (!['utf-8', 'windows-1251'].includes(values.encoding)) fail('--encoding is utf-8 or windows-1251');
const perPart = Number(values['per-part']);
if (!Number.isInteger(perPart) || perPart < 1) fail('--per-part must be a whole number ≥ 1');
if (!/^\d{4}-\d{2}-\d{2}$/.test(values['state-date'])) fail('--state-date is YYYY-MM-DD');

const opts: RegisterOptions = {
  documents,
  seed: Number(values.seed),
  version: values.version as RegisterVersion,
  regions: values.regions?.split(',').map((r) => r.trim().padStart(2, '0')),
  stateDate: values['state-date'],
  perPart,
  encoding: values.encoding as PartEncoding,
};
const out = resolve(values.out);
mkdirSync(out, { recursive: true });
const [y, m, d] = values['state-date'].split('-');
const started = performance.now();
const registerFile = values.file
  ? resolve(values.file)
  : join(out, `data-${d}${m}${y}-structure-synthetic-${documents}.zip`);
const register = await writeRegisterZip(registerFile, opts);
console.log(
  `${register.file}: ${register.documents} documents in ${register.parts} parts (${register.organisations} organisations, ` +
    `${register.soleTraders} sole traders, ${register.farms} farms), ${(register.bytes / 1e6).toFixed(1)} MB, ` +
    `${((performance.now() - started) / 1000).toFixed(1)} s, peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`,
);
if (values.companions) {
  for (const kind of ['revexp', 'headcount'] as const) {
    const c = await writeCompanionZip(join(out, `${kind}-${Number(y) - 1}-synthetic-${documents}.zip`), kind, opts);
    console.log(`${c.file}: ${c.documents} documents in ${c.parts} parts, ${(c.bytes / 1e6).toFixed(1)} MB`);
  }
}
