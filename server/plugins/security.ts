// Who may send what: changes only from the app's own pages, security headers with a strict CSP.
import helmet from '@fastify/helmet';
import { AppError } from '../errors.js';
import { shared } from './skip-override.js';

export const security = shared('coopgraph-security', async (app) => {
  // State-changing requests only from the app's own pages (or tools that send no Origin):
  // a page on another site must not be able to post an import through the user's browser.
  app.addHook('onRequest', async (request) => {
    if (request.method === 'GET' || request.method === 'HEAD' || request.method === 'OPTIONS') return;
    const origin = request.headers.origin;
    const crossSite = request.headers['sec-fetch-site'] === 'cross-site';
    let foreignOrigin = false;
    if (origin) {
      try {
        foreignOrigin = new URL(origin).host !== request.headers.host;
      } catch {
        foreignOrigin = true;
      }
    }
    if (crossSite || foreignOrigin) throw new AppError(403, 'forbidden', 'cross-site requests may not change data');
  });

  // Security headers with a strict Content-Security-Policy: scripts, styles and connections from
  // this origin only; workers (the force layout) and pictures (exports) may also come from blob:
  // URLs the page makes itself. No CORS: other origins cannot read the API.
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        workerSrc: ["'self'", 'blob:'],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
  });
});
