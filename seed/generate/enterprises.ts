/**
 * Enterprise attributes (stage, region, OKVED, size, staff, revenue, INN) as typed arrays, so that
 * a million enterprises stay compact; later phases read and partly overwrite them.
 */
import { makeInn } from './names.js';
import { cumulative, gauss, logUniformInt, randInt, round2, sampleCum, sampleIndex } from './rng.js';
import { SIZES, classifySize } from './rules.js';
import { SIZE_HEAVY, SIZE_PIPE, type Model } from './stages.js';

/** Relative number of enterprises per stage (SME-heavy stages get many). */
const STAGE_COUNT: Record<string, number> = {
  'timber.forest-management': 3,
  'timber.logging': 10,
  'timber.logging-services': 10,
  'timber.transport': 8,
  'timber.wholesale': 8,
  'timber.sawmilling': 12,
  'timber.panels': 2,
  'timber.joinery': 8,
  'timber.pallets': 4,
  'timber.pellets': 3,
  'timber.pulp': 0.15,
  'timber.paper': 0.4,
  'timber.packaging': 3,
  'timber.furniture': 10,
  'timber.bioenergy': 1,
  'timber.equipment-repair': 4,
  'timber.forestry-machinery': 0.8,
  'timber.ppm-machinery': 0.4,
  'timber.woodworking-machinery': 1,
  'timber.process-chemicals': 0.8,
  'timber.engineering': 2,
  'timber.testing': 1,
  'timber.warehousing': 3,
  'timber.cargo-handling': 1.5,
  'timber.recovered-paper': 3,
  'oilgas.exploration': 1.5,
  'oilgas.oil-production': 1,
  'oilgas.gas-production': 0.4,
  'oilgas.oilfield-services': 12,
  'oilgas.oil-pipeline': 0.3,
  'oilgas.gas-pipeline': 0.3,
  'oilgas.storage': 0.8,
  'oilgas.gas-processing': 0.3,
  'oilgas.refining': 0.2,
  'oilgas.petrochemicals': 1.5,
  'oilgas.plastics': 12,
  'oilgas.fuel-wholesale': 6,
  'oilgas.fuel-retail': 8,
  'oilgas.oilfield-chemicals': 1.5,
  'oilgas.pumps-compressors': 2,
  'oilgas.valves': 2,
  'oilgas.drilling-machinery': 1,
  'oilgas.steel-pipes': 0.6,
  'oilgas.metal-structures': 5,
  'oilgas.repair': 5,
  'oilgas.construction': 4,
  'oilgas.engineering': 3,
  'oilgas.testing': 1.5,
  'oilgas.trucking': 8,
  'oilgas.spill-cleanup': 1,
  'oilgas.hazardous-waste': 1.5,
  'oilgas.catering': 2,
};

export interface Enterprises {
  N: number;
  eRegion: Uint16Array;
  eStage: Uint16Array;
  /** index of the main and (255 = none) the second OKVED code within the stage's codes */
  eOk1: Uint8Array;
  eOk2: Uint8Array;
  /** index into SIZES */
  eSize: Uint8Array;
  eEmp: Int32Array;
  eRev: Float64Array;
  eInn: Float64Array;
  eIndividual: Uint8Array;
  ePriority: Uint8Array;
  /** cluster index, -1 outside clusters */
  eCluster: Int16Array;
  eRole: Uint8Array; // 0 none, 1 anchor, 2 participant, 3 coordinator
  /** The `okved` column: main code, then the second one if any. */
  okvedStr: (i: number) => string;
  /** Stage indices derived from the enterprise's OKVED codes (may differ from eStage). */
  derivedOf: (i: number) => number[];
}

export function generateEnterprises(
  model: Model,
  N: number,
  stageRegionCum: Float64Array[],
  rEnt: () => number,
): Enterprises {
  const { codes, stages, derive } = model;
  const stageCount = stages.map((st) => STAGE_COUNT[st.id] ?? (st.kind === 'core' ? 2 : 1));
  const stageCum = cumulative(stageCount);

  const eRegion = new Uint16Array(N);
  const eStage = new Uint16Array(N);
  const eOk1 = new Uint8Array(N);
  const eOk2 = new Uint8Array(N).fill(255);
  const eSize = new Uint8Array(N);
  const eEmp = new Int32Array(N);
  const eRev = new Float64Array(N);
  const eInn = new Float64Array(N);
  const eIndividual = new Uint8Array(N);
  const ePriority = new Uint8Array(N);
  const eCluster = new Int16Array(N).fill(-1);
  const eRole = new Uint8Array(N);
  const innSet = new Set<number>();

  const setFigures = (i: number, size: number, rand: () => number) => {
    const st = stages[eStage[i]];
    let emp: number;
    if (size === 0) emp = logUniformInt(rand, 1, 15);
    else if (size === 1) emp = logUniformInt(rand, 16, 100);
    else if (size === 2) emp = logUniformInt(rand, 101, 250);
    else emp = logUniformInt(rand, 251, SIZE_HEAVY === st.sizeMix || SIZE_PIPE === st.sizeMix ? 15000 : 3000);
    let rev = emp * st.productivity * Math.exp(0.6 * gauss(rand) - 0.18);
    if (size === 0) rev = Math.min(120, Math.max(0.3, rev));
    else if (size === 1) rev = Math.min(800, Math.max(2, rev));
    else if (size === 2) rev = Math.min(2000, Math.max(20, rev));
    else rev = Math.max(300, rev);
    rev = round2(rev);
    eEmp[i] = emp;
    eRev[i] = rev;
    eSize[i] = SIZES.indexOf(classifySize(emp, rev));
  };

  for (let i = 0; i < N; i++) {
    const s = sampleCum(stageCum, rEnt);
    const st = stages[s];
    const r = sampleCum(stageRegionCum[s], rEnt);
    eStage[i] = s;
    eRegion[i] = r;
    eOk1[i] = st.okved.length > 1 ? randInt(rEnt, st.okved.length) : 0;
    if (st.okved.length > 1 && rEnt() < 0.2) {
      let o2 = randInt(rEnt, st.okved.length - 1);
      if (o2 >= eOk1[i]) o2++;
      eOk2[i] = o2;
    }
    const size = sampleIndex(st.sizeMix, rEnt);
    setFigures(i, size, rEnt);
    const individual = eSize[i] === 0 && rEnt() < 0.3;
    let inn = 0;
    for (let t = 0; t < 1000; t++) {
      inn = Number(makeInn(codes[r], rEnt, individual ? 'individual' : 'legal'));
      if (!innSet.has(inn)) break;
    }
    innSet.add(inn);
    eInn[i] = inn;
    eIndividual[i] = individual ? 1 : 0;
    if (rEnt() < 0.04) ePriority[i] = 1;
  }

  const okvedStr = (i: number) => {
    const st = stages[eStage[i]];
    const a = st.okved[eOk1[i]];
    return eOk2[i] === 255 ? a : a + ';' + st.okved[eOk2[i]];
  };
  const derivedOf = (i: number) => derive(okvedStr(i)).idx;

  return {
    N,
    eRegion,
    eStage,
    eOk1,
    eOk2,
    eSize,
    eEmp,
    eRev,
    eInn,
    eIndividual,
    ePriority,
    eCluster,
    eRole,
    okvedStr,
    derivedOf,
  };
}

/** Ids g-000001, g-000002, …: zero-padded (at least six digits) so that they sort in generation order. */
export function enterpriseIds(N: number): (i: number) => string {
  const idWidth = Math.max(6, String(N).length);
  return (i: number) => 'g-' + String(i + 1).padStart(idWidth, '0');
}
