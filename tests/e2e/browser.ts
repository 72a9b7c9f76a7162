// Real Chromium for end-to-end tests (Debian's package; see .ci/run), and the app it drives:
// the built client served by the real server over a seeded Neo4j.
import { chromium, type Browser, type Page } from 'playwright-core';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../server/app.js';
import { seedDatabase } from '../../seed/load.js';
import type { Db } from '../../server/db.js';
import { createUser } from '../../server/auth.js';
import { TEST_PASSWORD, freshDatabase, testDb, testSettings } from '../helpers.js';

export const ARTEFACTS = new URL('../../test-results/', import.meta.url).pathname;

export async function launchBrowser(): Promise<Browser> {
  mkdirSync(ARTEFACTS, { recursive: true });
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--use-angle=swiftshader', '--enable-unsafe-swiftshader',
      '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run',
    ],
  });
}

export interface SeededApp {
  db: Db;
  app: FastifyInstance;
  base: string;
  browser: Browser;
  page: Page;
  /** What the browser reported as blocked by the Content-Security-Policy (must stay empty). */
  cspViolations: string[];
  /** The signed-in page's session, for requests the test makes itself: cookie and CSRF headers. */
  auth: Record<string, string>;
  close(): Promise<void>;
}

/** The seed with a small generated graph (the browser renders WebGL in software), the app, a page. */
export async function startSeededApp(viewport: { width: number; height: number }): Promise<SeededApp> {
  const settings = testSettings({ importBatchSize: 2000 });
  const db = testDb(settings);
  await freshDatabase(db);
  await seedDatabase(db, settings, { enterprises: 300, workDir: mkdtempSync(join(tmpdir(), 'coopgraph-e2e-')), log: () => {} });
  const app = await buildApp(db, settings);
  const base = await app.listen({ host: '127.0.0.1', port: 0 });
  const browser = await launchBrowser();
  const page = await browser.newPage({ viewport, locale: 'ru-RU' });
  const cspViolations: string[] = [];
  page.on('console', (m) => { if (/Content Security Policy/i.test(m.text())) cspViolations.push(m.text()); });
  await signInPage(page, base, db, 'admin');
  const session = await (await page.request.get(`${base}/api/auth/session`)).json();
  const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
  return {
    db, app, base, browser, page, cspViolations, auth: { cookie, 'x-csrf-token': session.csrf },
    async close() {
      await browser.close();
      if (cspViolations.length > 0) throw new Error(`the page broke the Content-Security-Policy:\n${cspViolations.join('\n')}`);
      await app.close();
      await db.close();
    },
  };
}

/** Creates an account of `role` and signs in through the sign-in page, as a person would. */
export async function signInPage(page: Page, base: string, db: Db, role: 'viewer' | 'planner' | 'editor' | 'admin'): Promise<string> {
  const username = `e2e-${role}-${Math.random().toString(36).slice(2, 8)}`;
  await createUser(db, { username, role, password: TEST_PASSWORD });
  await page.goto(base);
  await page.getByLabel('Имя пользователя').fill(username);
  await page.getByLabel('Пароль').fill(TEST_PASSWORD);
  await page.getByRole('button', { name: 'Войти' }).click();
  await page.locator(`.user-menu[data-user="${username}"]`).waitFor({ timeout: 20_000 });
  return username;
}
