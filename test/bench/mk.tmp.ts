import { createDb, Prisma } from '@contrail/db';
import { rmSync } from 'node:fs';
rmSync('/tmp/probe/big.db', { force: true }); rmSync('/tmp/probe/big.db-wal', { force: true }); rmSync('/tmp/probe/big.db-shm', { force: true });
const db = await createDb('file:/tmp/probe/big.db');
await db.prisma.$executeRaw`INSERT INTO experiments (id, name, artifact_location, creation_time, last_update_time) VALUES (1, 'big', 'x', 1, 1)`;
let s = 100000; const rand = () => { s = (s * 1103515245 + 12345) % 2147483648; return s / 2147483648; };
for (let first = 0; first < 100000; first += 250) {
  const ids = Array.from({ length: 250 }, (_, i) => ({ id: (first + i).toString(16).padStart(32, '0'), n: first + i }));
  const runs = ids.map(({ id, n }) => Prisma.sql`(${id}, 1, ${'run-' + n}, 'FINISHED', ${BigInt(1_700_000_000_000 + n)}, 'bench', 'x')`);
  const params = ids.flatMap(({ id }) => Array.from({ length: 20 }, (_, p) => Prisma.sql`(${id}, ${'p' + p}, ${'v' + Math.floor(rand() * 10)})`));
  const metrics = ids.flatMap(({ id }) => Array.from({ length: 5 }, (_, m) => Prisma.sql`(${id}, ${'m' + m}, 0, 1, ${rand()}, ${false})`));
  await db.prisma.$transaction([
    db.prisma.$executeRaw`INSERT INTO runs (id, experiment_id, name, status, start_time, user_id, artifact_uri) VALUES ${Prisma.join(runs)}`,
    db.prisma.$executeRaw`INSERT INTO params (run_id, key, value) VALUES ${Prisma.join(params)}`,
    db.prisma.$executeRaw`INSERT INTO latest_metrics (run_id, key, step, timestamp, value, is_nan) VALUES ${Prisma.join(metrics)}`,
  ]);
}
await db.close();
