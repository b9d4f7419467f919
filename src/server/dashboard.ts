import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { type Router } from 'express';
import { PACKAGE_ROOT } from '../packageRoot';

/**
 * The locality dashboard (web/): a page built only on the public GraphQL API, served by the
 * hub at `/`, `/localities/<code>` and `/compare`. Its script is bundled by `npm run build:web` into
 * web/dist (run by npm ci, npm start and npm test); its map data is in web/geo.
 */

export const WEB_DIR = path.join(PACKAGE_ROOT, 'web');
const BUNDLE = path.join(WEB_DIR, 'dist', 'dashboard.js');

export function dashboard(): Router {
  const router = express.Router();
  const page = path.join(WEB_DIR, 'static', 'index.html');
  const sendPage: express.RequestHandler = (_req, res) => {
    if (!existsSync(BUNDLE)) {
      res.status(503).type('text').send('The dashboard is not built: run `npm run build:web`.');
      return;
    }
    res.set('cache-control', 'no-cache').sendFile(page);
  };
  router.get('/', sendPage);
  router.get('/localities/:code', sendPage);
  router.get('/compare', sendPage);
  router.get('/favicon.ico', (_req, res) => {
    res
      .set('cache-control', 'public, max-age=86400')
      .type('image/x-icon')
      .sendFile(path.join(WEB_DIR, 'static', 'favicon.ico'));
  });
  router.use('/assets', express.static(path.join(WEB_DIR, 'dist'), { fallthrough: false, index: false }));
  router.use('/geo', express.static(path.join(WEB_DIR, 'geo'), { fallthrough: false, index: false }));
  return router;
}
