import { postgresUnavailableReason } from './postgres.js';
import { redisUnavailableReason } from './redis.js';

/**
 * PostgreSQL and Redis suites run wherever those servers are reachable. CI must run them, so there an
 * unreachable server fails the run; on a laptop without one they are skipped, and this says why.
 */
export default async function setup() {
  for (const [name, reason] of [
    ['PostgreSQL', await postgresUnavailableReason()],
    ['Redis', await redisUnavailableReason()],
  ] as const) {
    if (reason === null) continue;
    if (process.env.CI) throw new Error(`${reason}: CI must run the ${name} suites`);
    console.warn(`\n[contrail] skipping the ${name} suites: ${reason}\n`);
  }
}
