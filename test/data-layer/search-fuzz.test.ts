import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ContrailError,
  createExperiment,
  createRun,
  logBatch,
  searchExperiments,
  searchRuns,
  type CoreContext,
  type SearchRunsOptions,
} from '@contrail/core';
import { openTestDatabase, postgresReady, TEST_PROVIDERS } from '../support/databases.js';
import { recordingContext } from '../support/core-context.js';
import { seededRandom } from '../support/seeded-random.js';

/**
 * Random and hostile filters, orders and cursors against real databases. Every call must either
 * return a page or fail with INVALID_PARAMETER_VALUE; nothing may reach the database as SQL text.
 * Rerun a failure with CONTRAIL_FUZZ_SEED=<the printed seed>.
 */
const SEED = Number(process.env.CONTRAIL_FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
console.log(`search fuzz seed: ${SEED} (rerun with CONTRAIL_FUZZ_SEED=${SEED})`);

type Random = () => number;
const pick = <T>(r: Random, list: readonly T[]): T => list[Math.floor(r() * list.length)]!;
const times = (r: Random, max: number, make: () => string) => Array.from({ length: Math.floor(r() * max) }, make);

const HOSTILE = [
  "'; DROP TABLE runs; --",
  "' OR '1'='1",
  '" OR 1=1 --',
  ') OR (1=1',
  'UNION SELECT * FROM params',
  '/* */',
  '\\',
  "\\'",
  '%',
  '_',
  '*',
  '?',
  '[',
  ']',
  'é',
  'É',
  'Ω',
  '😀',
  '\u202e',
  '\u200b',
  '\uD800',
  '\u0000',
  '\t',
  '\n',
];
const SOUP = [
  ...HOSTILE,
  'metrics.acc', 'params.model', 'tags.team', 'attributes.status', 'status', 'run_id', 'start_time', 'end_time', 'created',
  '`run name`', 'metrics.`val loss`', 'tags."a b"', 'metrics.', 'params', '`', "'", '"', '(', ')', ',', '.', ';', '--',
  '=', '!=', '<>', '<', '>=', 'AND', 'or', 'NOT', 'IN', 'not in', 'LIKE', 'ILIKE', 'ASC', 'desc', '1', '-0.5e1', '.5',
  '1e999', '1e-400', '9007199254740993', "'x'", '"y"', "''", "'%_%'", ' ', ' ', ' ',
];

const soup = (r: Random, tokens: number) => Array.from({ length: tokens }, () => pick(r, SOUP)).join(pick(r, ['', ' ']));

function quoted(r: Random): string {
  const text = times(r, 12, () => pick(r, ['a', 'A', 'gpt', ...HOSTILE.filter((h) => h !== '\u0000')])).join('');
  const quote = pick(r, ["'", '"']);
  return `${quote}${text.replaceAll(quote, quote + quote)}${quote}`;
}
const NUMBERS = ['0', '1', '-1', '0.5', '.5', '1e-3', '-0.5e1', '1e308', '1e999', '-1e999', '1700000000000', '2.5E+3'];
const KEYS: Array<[string, 'double' | 'integer' | 'string']> = [
  ['metrics.acc', 'double'],
  ['metrics.loss', 'double'],
  ['metrics.`val loss`', 'double'],
  ["metrics.`x'; DROP TABLE runs; --`", 'double'],
  ['params.model', 'string'],
  ['params.note', 'string'],
  ['tags.team', 'string'],
  ['tags."a b"', 'string'],
  ['attributes.status', 'string'],
  ['run_name', 'string'],
  ['user_id', 'string'],
  ['run_id', 'string'],
  ['start_time', 'integer'],
  ['end_time', 'integer'],
];

/** A filter that mostly obeys the grammar, with hostile keys and values and the odd type error. */
function grammarFilter(r: Random, depth = 0): string {
  const roll = r();
  if (depth < 4 && roll < 0.15) return `${grammarFilter(r, depth + 1)} ${pick(r, ['AND', 'and', 'OR', 'or'])} ${grammarFilter(r, depth + 1)}`;
  if (depth < 4 && roll < 0.22) return `NOT ${grammarFilter(r, depth + 1)}`;
  if (depth < 4 && roll < 0.3) return `(${grammarFilter(r, depth + 1)})`;
  const [key, kind] = pick(r, KEYS);
  const typo = r() < 0.05;
  if (kind === 'string' && !typo) {
    if (r() < 0.2) return `${key} ${pick(r, ['IN', 'NOT IN'])} (${times(r, 4, () => quoted(r)).concat(quoted(r)).join(', ')})`;
    return `${key} ${pick(r, ['=', '!=', 'LIKE', 'ILIKE', 'like'])} ${quoted(r)}`;
  }
  const value = typo ? quoted(r) : kind === 'integer' ? pick(r, ['0', '1000', '1003', '-5', '1e3']) : pick(r, NUMBERS);
  return `${key} ${pick(r, ['=', '!=', '>', '>=', '<', '<='])} ${value}`;
}

// Run ids are random per database, so ordering by them could not agree across databases.
const ORDERABLE = KEYS.filter(([key]) => key !== 'run_id');
function orderBy(r: Random): string[] {
  return times(r, 4, () =>
    r() < 0.1 ? soup(r, 3) : `${pick(r, ORDERABLE)[0]}${pick(r, ['', ' ASC', ' DESC', ' desc'])}`,
  );
}

function mutate(r: Random, text: string): string {
  let out = text;
  for (let i = 0; i < 1 + Math.floor(r() * 3); i++) {
    const at = Math.floor(r() * (out.length + 1));
    const op = r();
    if (op < 0.4) out = out.slice(0, at) + pick(r, SOUP) + out.slice(at);
    else if (op < 0.7) out = out.slice(0, at) + out.slice(at + 1 + Math.floor(r() * 4));
    else out = out.slice(0, at) + pick(r, ["'", '"', '`', '(', ')']) + out.slice(at);
  }
  return out;
}

/** The long inputs: exactly at the length limit (allowed), and just past it (a clean error). */
function longInputs(r: Random): string[] {
  const pad = (text: string) => text + ' '.repeat(10_000 - text.length);
  const pattern = Array.from({ length: 9_960 }, () => pick(r, ['%', '_', 'a', '\\', 'é', '😀'])).join('');
  const list = `run_id IN (${Array.from({ length: 1500 }, (_, i) => `'${i}'`).join(',')})`;
  return [
    soup(r, 3000).slice(0, 10_000),
    pad(grammarFilter(r)),
    `params.note LIKE '${pattern.replaceAll("'", "''")}'`.slice(0, 10_000),
    list,
    '('.repeat(10_000),
    'NOT '.repeat(2_500),
    `${pad('metrics.acc > 0')} `,
    Array.from({ length: 700 }, () => 'metrics.acc > 0').join(' OR ').slice(0, 10_000),
  ];
}

/** Deterministic data with the characters the fuzzer throws at it. */
async function seedData(ctx: CoreContext, experimentId: string) {
  const r = seededRandom(1);
  for (let i = 0; i < 12; i++) {
    const run = await createRun(ctx, { experimentId, runName: `run-${i}${pick(r, HOSTILE.slice(0, 8))}`, startTime: 1000 + i });
    const maybe = <T>(value: T) => (r() < 0.8 ? [value] : []);
    await logBatch(ctx, {
      runId: run.id,
      params: [...maybe({ key: 'model', value: pick(r, ['gpt2', 'GPT2', "it's", '100%', 'a_b', 'x*y?[z]', 'é', '\\']) }), ...maybe({ key: 'note', value: quoted(r) })],
      tags: [...maybe({ key: 'team', value: pick(r, ['nlp', 'NLP', 'Ω', '']) }), ...maybe({ key: 'a b', value: 'c' })],
      metrics: [
        ...maybe({ key: 'acc', value: pick(r, [0.5, Number.NaN, Number.POSITIVE_INFINITY, -1, 0]), step: 0, timestamp: 1 }),
        ...maybe({ key: 'val loss', value: r(), step: 0, timestamp: 1 }),
      ],
    });
  }
}

async function outcome(call: () => Promise<{ items: Array<{ name: string }> }>, input: unknown): Promise<string[] | 'rejected'> {
  try {
    return (await call()).items.map((item) => item.name);
  } catch (error) {
    if (error instanceof ContrailError && error.code === 'INVALID_PARAMETER_VALUE') return 'rejected';
    throw new Error(`seed ${SEED}: ${JSON.stringify(input)} failed with ${(error as Error).stack ?? error}`);
  }
}

async function tableCounts(ctx: CoreContext) {
  const rows = await ctx.db.prisma.$queryRaw<Array<{ runs: unknown; params: unknown; tags: unknown; metrics: unknown }>>`
    SELECT (SELECT COUNT(*) FROM runs) AS runs, (SELECT COUNT(*) FROM params) AS params,
           (SELECT COUNT(*) FROM run_tags) AS tags, (SELECT COUNT(*) FROM latest_metrics) AS metrics`;
  return Object.fromEntries(Object.entries(rows[0]!).map(([k, v]) => [k, Number(v)]));
}

async function openWithData(provider: 'sqlite' | 'postgresql') {
  const database = await openTestDatabase(provider);
  const ctx = recordingContext(database.db);
  const experimentId = (await createExperiment(ctx, { name: 'fuzz' })).id;
  await seedData(ctx, experimentId);
  const search = (options: Omit<SearchRunsOptions, 'experimentIds'>) =>
    outcome(() => searchRuns(ctx, { experimentIds: [experimentId], ...options }), options);
  return { database, ctx, experimentId, search };
}

describe.each(TEST_PROVIDERS)('search fuzz on %s', (provider) => {
  let env: Awaited<ReturnType<typeof openWithData>>;
  let before: Record<string, number>;
  const tally = { ok: 0, rejected: 0 };
  const run = async (options: Omit<SearchRunsOptions, 'experimentIds'>) => {
    const result = await env.search(options);
    tally[result === 'rejected' ? 'rejected' : 'ok'] += 1;
    return result;
  };

  beforeAll(async () => {
    env = await openWithData(provider);
    before = await tableCounts(env.ctx);
  });
  afterAll(async () => {
    await env?.database.dispose();
  });

  it('survives random token soup as filters and orders', async () => {
    const r = seededRandom(SEED);
    for (let i = 0; i < 300; i++) await run({ filter: soup(r, 1 + Math.floor(r() * 12)) });
    for (let i = 0; i < 100; i++) await run({ orderBy: [soup(r, 1 + Math.floor(r() * 4))] });
    for (let i = 0; i < 50; i++) {
      const options = { filter: soup(r, 1 + Math.floor(r() * 8)), orderBy: [soup(r, 2)] };
      await outcome(() => searchExperiments(env.ctx, options), options);
    }
  });

  it('runs grammar-shaped filters with hostile values, and their mutants', async () => {
    const r = seededRandom(SEED + 1);
    const start = { ...tally };
    for (let i = 0; i < 300; i++) {
      const filter = grammarFilter(r);
      await run({ filter, orderBy: orderBy(r), runView: pick(r, ['ACTIVE_ONLY', 'ALL'] as const) });
      await run({ filter: mutate(r, filter) });
    }
    // Most grammar-shaped filters must actually execute, or this test would prove little.
    expect(tally.ok - start.ok, `seed ${SEED}`).toBeGreaterThan(200);
    expect(tally.rejected - start.rejected, `seed ${SEED}`).toBeGreaterThan(20);
  });

  it('handles 10,000-character inputs', async () => {
    const [soupInput, padded, pattern, list, parens, nots, tooLong, manyClauses] = longInputs(seededRandom(SEED + 2));
    for (const filter of [soupInput, padded, pattern, parens, nots, manyClauses]) await run({ filter });
    expect(await run({ filter: list! })).toEqual([]);
    expect(await run({ filter: tooLong! })).toBe('rejected');
    expect(await run({ filter: parens! })).toBe('rejected');
    expect(await run({ filter: "params.model LIKE '%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%x'" })).toEqual([]);
  });

  it('rejects forged and mangled cursors cleanly', async () => {
    const r = seededRandom(SEED + 3);
    const order = { orderBy: ['metrics.acc DESC', 'params.model'], first: 1 };
    const first = await searchRuns(env.ctx, { experimentIds: [env.experimentId], ...order });
    const valid = JSON.parse(Buffer.from(first.nextCursor!, 'base64url').toString()) as unknown[];
    const values = [0, 1, 2, 3, -1, 0.5, 1e308, 'Infinity', 'NaN', null, true, {}, [], '', "'; DROP TABLE runs; --", '\u0000', 'x'.repeat(10_000)];
    for (let i = 0; i < 300; i++) {
      // One or two slots of a real position changed, so that each check is reached on its own.
      const forged = [...valid];
      for (let n = 0; n < 1 + Math.floor(r() * 2); n++) forged[1 + Math.floor(r() * (valid.length - 1))] = pick(r, values);
      const cursor = r() < 0.9 ? Buffer.from(JSON.stringify(forged)).toString('base64url') : soup(r, 3);
      await run({ ...order, after: cursor });
    }
  });

  it('leaves every table as it was', async () => {
    expect(await tableCounts(env.ctx)).toEqual(before);
    expect(tally.ok).toBeGreaterThan(0);
  });
});

describe.runIf(postgresReady)('search fuzz: SQLite and PostgreSQL agree', () => {
  let sqlite: Awaited<ReturnType<typeof openWithData>>;
  let postgres: Awaited<ReturnType<typeof openWithData>>;
  beforeAll(async () => {
    [sqlite, postgres] = await Promise.all([openWithData('sqlite'), openWithData('postgresql')]);
  });
  afterAll(async () => {
    await Promise.all([sqlite?.database.dispose(), postgres?.database.dispose()]);
  });

  it('returns the same runs in the same order for the same random searches', async () => {
    const r = seededRandom(SEED + 4);
    let compared = 0;
    for (let i = 0; i < 300; i++) {
      const options = { filter: grammarFilter(r), orderBy: orderBy(r) };
      const [a, b] = await Promise.all([sqlite.search(options), postgres.search(options)]);
      expect(b, `seed ${SEED}: ${JSON.stringify(options)}`).toEqual(a);
      if (a !== 'rejected' && a.length > 0) compared += 1;
    }
    expect(compared, `seed ${SEED}`).toBeGreaterThan(50);
  });
});
