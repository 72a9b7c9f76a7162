// Files of a view or a planner result (server/export-routes.ts holds the routes themselves).
import type { FastifyInstance } from 'fastify';
import type { Settings } from '../config.js';
import type { Db } from '../db.js';
import { registerExportRoutes } from '../export-routes.js';

export async function exportRoutes(app: FastifyInstance, { db, settings }: { db: Db; settings: Settings }): Promise<void> {
  // Exports are the planner's: stated here, for both routes, because their file states no role.
  app.addHook('onRoute', (route) => {
    route.config = { ...route.config, role: 'planner' };
  });
  await registerExportRoutes(app, db, settings);
}
