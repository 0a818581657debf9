import type { Db, PrismaClient } from '@contrail/db';
import type { EventPublisher } from './events.js';

/** What every core operation needs: the database, where to publish, and a few settings. */
export interface CoreContext {
  db: Db;
  events: EventPublisher;
  /** Root for new experiments' artifact locations, e.g. file:///srv/contrail/artifacts. */
  artifactRoot: string;
  now?: () => number;
}

export type Tx = Omit<PrismaClient, '$connect' | '$disconnect' | '$on' | '$transaction' | '$extends'>;

export const nowOf = (ctx: CoreContext): number => (ctx.now ?? Date.now)();

/**
 * Every write goes through a transaction. Beyond atomicity this matters for SQLite: the adapter has
 * one connection, and its transaction lock is what keeps one request's statements out of another's
 * open transaction.
 */
export function write<T>(ctx: CoreContext, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return ctx.db.prisma.$transaction(fn, { maxWait: 30_000, timeout: 60_000 });
}
