import { postgresUnavailableReason } from './postgres.js';

/**
 * PostgreSQL suites run wherever PostgreSQL is reachable. CI must run them, so there an unreachable
 * server fails the run; on a laptop without one they are skipped, and this says why.
 */
export default async function setup() {
  const reason = await postgresUnavailableReason();
  if (reason === null) return;
  if (process.env.CI) throw new Error(`${reason}: CI must run the PostgreSQL suites`);
  console.warn(`\n[contrail] skipping the PostgreSQL suites: ${reason}\n`);
}
