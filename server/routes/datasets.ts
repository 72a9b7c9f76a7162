// Datasets: which datasets the graph holds (the demo seed, register dumps, users' files), and
// removing one (what no other dataset holds goes).
import type { FastifyInstance } from 'fastify';
import type { Settings } from '../config.js';
import type { Db } from '../db.js';

export async function datasetRoutes(root: FastifyInstance, deps: { db: Db; settings: Settings }): Promise<void> {
  void root;
  void deps;
}
