// Real Chromium for end-to-end tests (Debian's package; see .ci/run), and the app it drives:
// the built client served by the real server over a seeded Neo4j.
import { afterAll, beforeAll } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ARTEFACTS, chromiumPath, launchBrowser } from './chromium.js';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../server/app.js';
import type { Db } from '../../server/db.js';
import { createUser } from '../../server/auth.js';
import { TEST_PASSWORD, testDb, testSettings } from '../helpers.js';
import { SEED_DATASET, ensureDataset } from '../fixtures/index.js';

export { ARTEFACTS, launchBrowser };

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

/**
 * The seed with a small generated graph (the browser renders WebGL in software; loaded, or reused
 * while unchanged, see tests/fixtures), the app listening, Chromium and a page signed in as admin.
 */
export async function startSeededApp(viewport: { width: number; height: number }): Promise<SeededApp> {
  chromiumPath(); // before the data is loaded for nothing
  const settings = testSettings({ importBatchSize: 2000 });
  const db = testDb(settings);
  let app: FastifyInstance | undefined;
  let browser: Browser | undefined;
  // A set-up that fails half-way closes what it opened, so the next file starts clean.
  const closeAll = async () => {
    await browser?.close();
    await app?.close();
    await db.close();
  };
  try {
    await ensureDataset(db, settings, SEED_DATASET);
    app = await buildApp(db, settings);
    const base = await app.listen({ host: '127.0.0.1', port: 0 });
    browser = await launchBrowser();
    const page = await browser.newPage({ viewport, locale: 'ru-RU' });
    const cspViolations: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) cspViolations.push(m.text());
    });
    await signInPage(page, base, db, 'admin');
    const session = await (await page.request.get(`${base}/api/auth/session`)).json();
    const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
    return {
      db,
      app,
      base,
      browser,
      page,
      cspViolations,
      auth: { cookie, 'x-csrf-token': session.csrf },
      async close() {
        await closeAll();
        if (cspViolations.length > 0)
          throw new Error(`the page broke the Content-Security-Policy:\n${cspViolations.join('\n')}`);
      },
    };
  } catch (error) {
    await closeAll().catch(() => {});
    throw error;
  }
}

/**
 * The fixture: startSeededApp before the file's tests, closed after them. The object it returns is
 * filled in by its beforeAll, so tests and later hooks read `seeded.page`, `seeded.base` and so on.
 */
export function useSeededApp(viewport: { width: number; height: number }): SeededApp {
  const seeded = {} as SeededApp;
  beforeAll(async () => {
    Object.assign(seeded, await startSeededApp(viewport));
  });
  afterAll(async () => {
    await seeded.close?.();
  });
  return seeded;
}

/** Creates an account of `role` and signs in through the sign-in page, as a person would. */
export async function signInPage(
  page: Page,
  base: string,
  db: Db,
  role: 'viewer' | 'planner' | 'editor' | 'admin',
): Promise<string> {
  const username = `e2e-${role}-${Math.random().toString(36).slice(2, 8)}`;
  await createUser(db, { username, role, password: TEST_PASSWORD });
  await page.goto(base);
  await page.getByLabel('Имя пользователя').fill(username);
  await page.getByLabel('Пароль').fill(TEST_PASSWORD);
  await page.getByRole('button', { name: 'Войти' }).click();
  await page.locator(`.user-menu[data-user="${username}"]`).waitFor({ timeout: 20_000 });
  return username;
}

/** The page position of a node of the explorer's canvas, for real mouse clicks on it. */
export async function nodePoint(page: Page, id: string): Promise<{ x: number; y: number }> {
  const box = (await page.locator('.explorer .sigma').boundingBox())!;
  const p = await page.evaluate((node) => {
    const s = window.__coopgraphExplorer!.sigma;
    return s.framedGraphToViewport(s.getNodeDisplayData(node)!);
  }, id);
  return { x: box.x + p.x, y: box.y + p.y };
}
