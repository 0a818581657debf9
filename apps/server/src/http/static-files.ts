import type { IncomingMessage, ServerResponse } from 'node:http';
import sirv from 'sirv';

/**
 * Serves the built dashboard (apps/web/out, a Next.js static export) from the API's own port.
 * Pages are exported as `experiment.html` and so on, and are addressed without the extension.
 * Returns false when nothing matched, so the caller answers 404.
 */
export function createStaticFiles(dir: string): (req: IncomingMessage, res: ServerResponse) => boolean {
  // Not dev mode: sirv lists the folder once at startup and answers from memory; `npm start`
  // rebuilds the dashboard before the server starts.
  const serve = sirv(dir, {
    dev: false,
    etag: true,
    extensions: ['html'],
    setHeaders: (res, pathname) => {
      // Build output under _next/static has content hashes in its names; pages do not, and must be
      // revalidated so that a rebuilt dashboard is picked up.
      res.setHeader('cache-control', pathname.startsWith('/_next/static/') ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  return (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    let matched = true;
    serve(req, res, () => {
      matched = false;
    });
    return matched;
  };
}
