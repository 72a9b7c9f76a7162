// Headless Chromium for the end-to-end tests and the render benchmark. Kept apart from the test
// fixtures in browser.ts, which import vitest: the benchmark runs outside vitest.
import { chromium, type Browser } from 'playwright-core';
import { existsSync, mkdirSync } from 'node:fs';

export const ARTEFACTS = new URL('../../test-results/', import.meta.url).pathname;

/** Chromium's executable; a missing one is a failure, not a skip: a run without it would pass having tested no page. */
export function chromiumPath(): string {
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(executablePath)) {
    throw new Error(
      `Chromium is not at ${executablePath}; the end-to-end tests drive a real one. Install it with \`apt-get install chromium\` (.ci/run does), or set CHROMIUM_PATH to its executable.`,
    );
  }
  return executablePath;
}

export async function launchBrowser(): Promise<Browser> {
  const executablePath = chromiumPath();
  mkdirSync(ARTEFACTS, { recursive: true });
  return chromium.launch({
    executablePath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--use-angle=swiftshader',
      '--enable-unsafe-swiftshader',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}
