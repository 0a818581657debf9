/**
 * Where the API is. The built dashboard is served by the API server itself, so it is the page's own
 * origin. Under `next dev`, HTTP goes through the dev server's /graphql rewrite (same origin, since
 * the API sends no CORS headers) and the WebSocket straight to NEXT_PUBLIC_CONTRAIL_API.
 */
export interface Endpoints {
  /** What people are told is unreachable. */
  apiOrigin: string;
  http: string;
  ws: string;
}

export function endpoints(location: Pick<Location, 'origin' | 'protocol' | 'host'>, devApi: string | null): Endpoints {
  if (devApi !== null) {
    const api = new URL(devApi);
    return { apiOrigin: api.origin, http: '/graphql', ws: `${api.protocol === 'https:' ? 'wss' : 'ws'}://${api.host}/graphql` };
  }
  return {
    apiOrigin: location.origin,
    http: '/graphql',
    ws: `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`,
  };
}

/** NEXT_PUBLIC_CONTRAIL_API is only consulted by `next dev`; a build always talks to its own origin. */
export const devApi = (): string | null =>
  process.env.NODE_ENV === 'development' ? (process.env.NEXT_PUBLIC_CONTRAIL_API ?? 'http://127.0.0.1:5000') : null;
