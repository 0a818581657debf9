import { createRedisEventTarget } from '@graphql-yoga/redis-event-target';
import { createPubSub, type PubSub } from 'graphql-yoga';
import { Redis } from 'ioredis';
import type { EventPublisher, MetricPoint, Topic, Topics } from '@contrail/core';

/**
 * Live updates: core publishes typed events after each commit; subscriptions read them here. In one
 * process the events stay in memory; with REDIS_URL they go through Redis so that every server
 * instance's subscribers hear every instance's writes.
 */

/** Points travel as JSON (Redis), which has no NaN or Infinity: those go as MLflow's strings. */
export type WireValue = number | 'NaN' | 'Infinity' | '-Infinity';
export interface WirePoint extends Omit<MetricPoint, 'value'> {
  value: WireValue;
}
export type WireTopics = Omit<Topics, 'metricsLogged'> & {
  metricsLogged: Omit<Topics['metricsLogged'], 'points'> & { points: WirePoint[] };
};

export const toWireValue = (value: number): WireValue =>
  Number.isFinite(value) ? value : (String(value) as 'NaN' | 'Infinity' | '-Infinity');

type PubSubMap = { [T in Topic]: [key: string, payload: WireTopics[T]] };

export interface LiveUpdates {
  publisher: EventPublisher;
  subscribe<T extends Topic>(topic: T, key: string): AsyncIterableIterator<WireTopics[T]>;
  /** Ends every open subscription (subscribers receive `complete`), then disconnects. */
  close(): Promise<void>;
}

export function createLiveUpdates(redisUrl: string | null): LiveUpdates {
  let redis: { publish: Redis; subscribe: Redis } | null = null;
  if (redisUrl) {
    const options = { maxRetriesPerRequest: null, lazyConnect: false };
    redis = { publish: new Redis(redisUrl, options), subscribe: new Redis(redisUrl, options) };
  }
  const pubsub: PubSub<PubSubMap> = createPubSub<PubSubMap>(
    redis ? { eventTarget: createRedisEventTarget({ publishClient: redis.publish, subscribeClient: redis.subscribe }) } : {},
  );
  const open = new Set<AsyncIterableIterator<unknown>>();

  const publisher: EventPublisher = {
    publish(topic, key, payload) {
      if (topic === 'metricsLogged') {
        const event = payload as Topics['metricsLogged'];
        const points = event.points.map((p) => ({ ...p, value: toWireValue(p.value) }));
        pubsub.publish('metricsLogged', key, { ...event, points });
      } else {
        (pubsub.publish as (t: Topic, k: string, p: unknown) => void)(topic, key, payload);
      }
    },
  };

  return {
    publisher,
    subscribe(topic, key) {
      const source = (pubsub.subscribe as (t: Topic, k: string) => AsyncIterableIterator<WireTopics[typeof topic]>)(topic, key);
      open.add(source);
      const end = source.return?.bind(source);
      source.return = (value?: unknown) => {
        open.delete(source);
        return end ? end(value) : Promise.resolve({ done: true, value: undefined });
      };
      return source;
    },
    async close() {
      await Promise.all([...open].map((iterator) => iterator.return?.()));
      if (redis) {
        redis.publish.disconnect();
        redis.subscribe.disconnect();
      }
    },
  };
}
