import { Redis } from 'ioredis';

export const REDIS_TEST_URL = process.env.CONTRAIL_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

let availability: Promise<string | null> | undefined;

/** Null when Redis answers PING, else the reason it does not. */
export function redisUnavailableReason(): Promise<string | null> {
  availability ??= (async () => {
    const redis = new Redis(REDIS_TEST_URL, { lazyConnect: true, connectTimeout: 2000, maxRetriesPerRequest: 0, retryStrategy: () => null });
    try {
      await redis.connect();
      await redis.ping();
      return null;
    } catch (error) {
      return `Redis at ${REDIS_TEST_URL} is not reachable (${(error as Error).message})`;
    } finally {
      redis.disconnect();
    }
  })();
  return availability;
}
