// The graph the expansion benchmarks read (bench:expand and expand-profile): by default the
// million-enterprise database in .neo4j/big on port 7790; BENCH_EXPAND_URI, …_USER, …_PASSWORD
// (or …_HOME for the password file) for another, BENCH_EXPAND_VISIBLE for the screen's size.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../../scripts/neo4j.js';

export const uri = process.env.BENCH_EXPAND_URI ?? 'neo4j://127.0.0.1:7790';
export const user = process.env.BENCH_EXPAND_USER ?? 'neo4j';
export const password =
  process.env.BENCH_EXPAND_PASSWORD ??
  readFileSync(join(REPO_ROOT, process.env.BENCH_EXPAND_HOME ?? '.neo4j/big', 'password'), 'utf8').trim();
/** The most nodes a request lists as visible. */
export const VISIBLE_MAX = Number(process.env.BENCH_EXPAND_VISIBLE ?? 1000);
