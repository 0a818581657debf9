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
 * Every write goes through a transaction, under the database's write lock. Beyond atomicity this
 * matters for SQLite: Prisma's adapter has one connection whose transaction lock keeps one request's
 * statements out of another's open transaction, and the write lock keeps it from holding the file
 * while the direct connection of the metric path wants it (see Db.exclusive).
 */
export function write<T>(ctx: CoreContext, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return ctx.db.exclusive(() => ctx.db.prisma.$transaction(fn, { maxWait: 30_000, timeout: 60_000 }));
}
