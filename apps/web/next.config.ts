import { PHASE_DEVELOPMENT_SERVER } from 'next/constants';
import type { NextConfig } from 'next';

const shared: NextConfig = {
  reactStrictMode: true,
  // Next 16.5 writes an AGENTS.md into the app on every dev start unless told not to.
  agentRules: false,
  experimental: { agentUpgrade: false },
};

/**
 * Built: a static export that the API server serves from its own port, so every page is
 * client-rendered and takes its ids from the query string (`/run?id=...`).
 * `next dev`: the same pages on :3000, with /graphql proxied to the API server so that HTTP stays
 * same-origin (the server sends no CORS headers); the WebSocket goes to the API server directly.
 */
export default function config(phase: string): NextConfig {
  if (phase !== PHASE_DEVELOPMENT_SERVER) return { ...shared, output: 'export' };
  const api = process.env.NEXT_PUBLIC_CONTRAIL_API ?? 'http://127.0.0.1:5000';
  return {
    ...shared,
    // Next serves its dev assets and reload socket to localhost only unless told otherwise.
    allowedDevOrigins: ['127.0.0.1'],
    rewrites: async () => [{ source: '/graphql', destination: `${api}/graphql` }],
  };
}
