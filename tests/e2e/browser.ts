// Real Chromium for end-to-end tests (Debian's package; see .ci/run).
import { chromium, type Browser } from 'playwright-core';
import { mkdirSync } from 'node:fs';

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
