import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ContrailError,
  createExperiment,
  createRun,
  deleteExperiment,
  deleteRun,
  logBatch,
  searchExperiments,
  searchRuns,
  setExperimentTag,
  updateRun,
  type CoreContext,
  type MetricInput,
  type RunStatus,
  type SearchRunsOptions,
} from '@contrail/core';
import { openTestDatabase, TEST_PROVIDERS, type TestDatabase } from '../support/databases.js';
import { recordingContext } from '../support/core-context.js';

/**
 * The data every row below searches. Start times order the runs (the default order is start_time
 * DESC), so the expected names are easy to check by hand: foxtrot, echo, delta, charlie, bravo, alpha.
 */
interface RunSpec {
  name: string;
  status: RunStatus;
  endTime?: number;
  user: string;
  params?: Record<string, string>;
  tags?: Record<string, string>;
  metrics?: MetricInput[];
  deleted?: boolean;
}
const m = (key: string, value: number, step = 0): MetricInput => ({ key, value, step, timestamp: 1 });
const RUNS: RunSpec[] = [
  {
    name: 'alpha',
    status: 'FINISHED',
    endTime: 2000,
    user: 'ana',
    params: { model: 'gpt2', lr: '0.1', note: '100%' },
    tags: { team: 'NLP', env: 'prod' },
    metrics: [m('acc', 0.9), m('loss', 0.5), m('val loss', 0.3)],
  },
  {
    name: 'bravo',
    status: 'FINISHED',
    endTime: 3000,
    user: 'bo',
    params: { model: 'GPT2', lr: '0.01', note: '50_50' },
    tags: { team: 'nlp' },
    metrics: [m('acc', 0.8), m('loss', Number.NaN), m('val loss', 0.4)],
  },
  {
    name: 'charlie',
    status: 'RUNNING',
    user: 'ana',
    params: { model: 'bert', note: 'a_b', city: 'Émile' },
    tags: { team: 'vision' },
    // acc was 0.99, but its latest value (greatest step) is NaN
    metrics: [m('acc', 0.99, 0), m('acc', Number.NaN, 1), m('loss', 0.1)],
  },
  { name: 'delta', status: 'FAILED', endTime: 4000, user: 'cy', params: { model: 'gpt-neo', city: 'émile', note: "it's" }, metrics: [m('acc', -1)] },
  {
    name: 'echo',
    status: 'RUNNING',
    user: 'bo',
    params: { note: 'x*y?[z]' },
    tags: { team: 'Vision' },
    metrics: [m('acc', Number.POSITIVE_INFINITY), m('loss', 0.2)],
  },
  {
    name: 'foxtrot',
    status: 'KILLED',
    endTime: 5000,
    user: 'cy',
    params: { model: 'gpt2', lr: '0.1' },
    tags: { env: 'dev' },
    metrics: [m('acc', 0.9), m('loss', 0.5)],
  },
  { name: 'golf', status: 'RUNNING', user: 'ana', params: { model: 'gpt2' }, metrics: [m('acc', 0.95)], deleted: true },
];

async function createRuns(ctx: CoreContext, experimentId: string, specs: RunSpec[], firstStart: number) {
  const ids: Record<string, string> = {};
  for (const [i, spec] of specs.entries()) {
    const run = await createRun(ctx, { experimentId, runName: spec.name, startTime: firstStart + i, userId: spec.user });
    ids[spec.name] = run.id;
    const pairs = (record: Record<string, string> = {}) => Object.entries(record).map(([key, value]) => ({ key, value }));
    await logBatch(ctx, { runId: run.id, params: pairs(spec.params), tags: pairs(spec.tags), metrics: spec.metrics ?? [] });
    if (spec.status !== 'RUNNING') await updateRun(ctx, { runId: run.id, status: spec.status, endTime: spec.endTime });
    if (spec.deleted) await deleteRun(ctx, run.id);
  }
  return ids;
}

interface Row {
  filter?: string | ((ids: Record<string, string>) => string);
  orderBy?: string[];
  runView?: SearchRunsOptions['runView'];
  expected: string[];
}
const ALL_ACTIVE = ['foxtrot', 'echo', 'delta', 'charlie', 'bravo', 'alpha'];

const ROWS: Row[] = [
  { expected: ALL_ACTIVE },
  // metrics: latest value; NaN only satisfies !=; ±Infinity are values
  { filter: 'metrics.acc > 0.85', expected: ['foxtrot', 'echo', 'alpha'] },
  { filter: 'metrics.acc >= 0.9', expected: ['foxtrot', 'echo', 'alpha'] },
  { filter: 'metrics.acc = 0.9', expected: ['foxtrot', 'alpha'] },
  { filter: 'metric.acc != 0.9', expected: ['echo', 'delta', 'charlie', 'bravo'] },
  { filter: 'metrics.acc <= 0', expected: ['delta'] },
  { filter: 'metrics.acc < 1e999', expected: ['foxtrot', 'delta', 'bravo', 'alpha'] },
  { filter: 'metrics.acc = 1e999', expected: ['echo'] },
  { filter: 'metrics.acc > -0.5e1', expected: ['foxtrot', 'echo', 'delta', 'bravo', 'alpha'] },
  { filter: 'metrics.acc = 0.99', expected: [] },
  { filter: 'metrics.loss > 0', expected: ['foxtrot', 'echo', 'charlie', 'alpha'] },
  { filter: 'metrics.loss != 0.5', expected: ['echo', 'charlie', 'bravo'] },
  { filter: 'NOT metrics.loss != 0.5', expected: ['foxtrot', 'delta', 'alpha'] },
  { filter: 'metrics.`val loss` < 0.35', expected: ['alpha'] },
  { filter: 'metrics."val loss" >= .3', expected: ['bravo', 'alpha'] },
  { filter: 'metrics.missing > 0 OR metrics.missing <= 0', expected: [] },
  // params and tags: case-sensitive = != LIKE, ASCII-folding ILIKE, no match without the key
  { filter: "params.model = 'gpt2'", expected: ['foxtrot', 'alpha'] },
  { filter: "params.model != 'gpt2'", expected: ['delta', 'charlie', 'bravo'] },
  { filter: "NOT params.model = 'gpt2'", expected: ['echo', 'delta', 'charlie', 'bravo'] },
  { filter: "params.model LIKE 'gpt%'", expected: ['foxtrot', 'delta', 'alpha'] },
  { filter: "params.model ILIKE 'gpt%'", expected: ['foxtrot', 'delta', 'bravo', 'alpha'] },
  { filter: "params.model LIKE 'GPT_'", expected: ['bravo'] },
  { filter: "params.model IN ('gpt2', 'bert')", expected: ['foxtrot', 'charlie', 'alpha'] },
  { filter: "params.model NOT IN ('gpt2', 'bert')", expected: ['delta', 'bravo'] },
  { filter: "params.note LIKE '100%'", expected: ['alpha'] },
  { filter: "params.note LIKE '50_50'", expected: ['bravo'] },
  { filter: "params.note LIKE '%_%'", expected: ['echo', 'delta', 'charlie', 'bravo', 'alpha'] },
  { filter: "params.note LIKE 'x*y?[z]'", expected: ['echo'] },
  { filter: "params.note LIKE 'x_y%]'", expected: ['echo'] },
  { filter: "params.note = 'it''s'", expected: ['delta'] },
  { filter: 'params.note = "it\'s"', expected: ['delta'] },
  { filter: "params.city ILIKE 'émile'", expected: ['delta'] },
  { filter: "params.city = 'Émile'", expected: ['charlie'] },
  { filter: "tags.team = 'nlp'", expected: ['bravo'] },
  { filter: "tags.team ILIKE 'NLP'", expected: ['bravo', 'alpha'] },
  { filter: "tags.team LIKE 'v%'", expected: ['charlie'] },
  { filter: "tags.team ILIKE 'V%'", expected: ['echo', 'charlie'] },
  { filter: "tags.team != 'nlp'", expected: ['echo', 'charlie', 'alpha'] },
  { filter: "tags.`mlflow.runName` = 'alpha'", expected: ['alpha'] },
  { filter: "tags.mlflow.user IN ('cy')", expected: ['foxtrot', 'delta'] },
  // attributes
  { filter: "status = 'RUNNING'", expected: ['echo', 'charlie'] },
  { filter: "attributes.status != 'RUNNING'", expected: ['foxtrot', 'delta', 'bravo', 'alpha'] },
  { filter: "status LIKE 'F%'", expected: ['delta', 'bravo', 'alpha'] },
  { filter: "status LIKE 'f%'", expected: [] },
  { filter: "attr.status ILIKE 'f%'", expected: ['delta', 'bravo', 'alpha'] },
  { filter: "run_name = 'alpha'", expected: ['alpha'] },
  { filter: "`run name` ILIKE 'A%'", expected: ['alpha'] },
  { filter: "run.run_name IN ('alpha', 'echo')", expected: ['echo', 'alpha'] },
  { filter: "user_id = 'ana'", expected: ['charlie', 'alpha'] },
  { filter: "artifact_uri LIKE '%/artifacts'", expected: ALL_ACTIVE },
  { filter: (ids) => `run_id = '${ids.bravo}'`, expected: ['bravo'] },
  { filter: (ids) => `attributes.run_id IN ('${ids.bravo}', '${ids.echo}', 'nope')`, expected: ['echo', 'bravo'] },
  { filter: (ids) => `run_id NOT IN ('${ids.bravo}', '${ids.echo}')`, expected: ['foxtrot', 'delta', 'charlie', 'alpha'] },
  { filter: 'start_time >= 1003', expected: ['foxtrot', 'echo', 'delta'] },
  { filter: 'created < 1001', expected: ['alpha'] },
  { filter: 'end_time > 2500', expected: ['foxtrot', 'delta', 'bravo'] },
  { filter: 'end_time != 2000', expected: ['foxtrot', 'delta', 'bravo'] },
  { filter: 'NOT end_time > 2500', expected: ['echo', 'charlie', 'alpha'] },
  // OR, parentheses, NOT
  { filter: "metrics.acc > 0.85 AND params.model = 'gpt2' OR tags.team = 'vision'", expected: ['foxtrot', 'charlie', 'alpha'] },
  { filter: "metrics.acc > 0.85 and (params.model = 'gpt2' or tags.team = 'vision')", expected: ['foxtrot', 'alpha'] },
  { filter: "NOT (status = 'RUNNING' OR status = 'FINISHED')", expected: ['foxtrot', 'delta'] },
  { filter: "not (params.model = 'gpt2' or params.model != 'gpt2')", expected: ['echo'] },
  // ordering: values, then NaN, then missing, in both directions; ties by start_time DESC
  { orderBy: ['metrics.acc DESC'], expected: ['echo', 'foxtrot', 'alpha', 'bravo', 'delta', 'charlie'] },
  { orderBy: ['metrics.acc'], expected: ['delta', 'bravo', 'foxtrot', 'alpha', 'echo', 'charlie'] },
  { orderBy: ['metrics.loss DESC'], expected: ['foxtrot', 'alpha', 'echo', 'charlie', 'bravo', 'delta'] },
  { orderBy: ['metrics.loss ASC'], expected: ['charlie', 'echo', 'foxtrot', 'alpha', 'bravo', 'delta'] },
  { orderBy: ['metrics.`val loss` DESC'], expected: ['bravo', 'alpha', 'foxtrot', 'echo', 'delta', 'charlie'] },
  { orderBy: ['params.model ASC'], expected: ['bravo', 'charlie', 'delta', 'foxtrot', 'alpha', 'echo'] },
  { orderBy: ['params.model DESC'], expected: ['foxtrot', 'alpha', 'delta', 'charlie', 'bravo', 'echo'] },
  { orderBy: ['tags.team DESC'], expected: ['charlie', 'bravo', 'echo', 'alpha', 'foxtrot', 'delta'] },
  { orderBy: ['params.lr DESC', 'metrics.acc ASC'], expected: ['foxtrot', 'alpha', 'bravo', 'delta', 'echo', 'charlie'] },
  { orderBy: ['end_time ASC'], expected: ['alpha', 'bravo', 'delta', 'foxtrot', 'echo', 'charlie'] },
  { orderBy: ['attributes.end_time DESC'], expected: ['foxtrot', 'delta', 'bravo', 'alpha', 'echo', 'charlie'] },
  { orderBy: ['attributes.start_time ASC'], expected: ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot'] },
  { orderBy: ['`run name` DESC'], expected: ALL_ACTIVE },
  { orderBy: ['status', 'run_name'], expected: ['delta', 'alpha', 'bravo', 'foxtrot', 'charlie', 'echo'] },
  { filter: 'metrics.acc > 0', orderBy: ['metrics.loss DESC'], expected: ['foxtrot', 'alpha', 'echo', 'bravo'] },
  { filter: "params.model != 'x'", orderBy: ['tags.team DESC', 'metrics.acc'], expected: ['charlie', 'bravo', 'alpha', 'delta', 'foxtrot'] },
  // lifecycle views
  { runView: 'DELETED_ONLY', expected: ['golf'] },
  { runView: 'ALL', filter: "params.model = 'gpt2'", expected: ['golf', 'foxtrot', 'alpha'] },
];

describe.each(TEST_PROVIDERS)('run search on %s', (provider) => {
  let database: TestDatabase;
  let ctx: CoreContext;
  let experimentId: string;
  let ids: Record<string, string>;
  let clock = 0;

  const names = async (options: Omit<SearchRunsOptions, 'experimentIds'>, experiment = experimentId) => {
    const page = await searchRuns(ctx, { experimentIds: [experiment], ...options });
    return { names: page.items.map((r) => r.name), totalCount: page.totalCount, nextCursor: page.nextCursor };
  };

  beforeAll(async () => {
    database = await openTestDatabase(provider);
    if (provider === 'postgresql') {
      // Production databases often compare text by locale (en_US would put "bert" before "GPT2");
      // search must still sort by code point, as SQLite does.
      for (const [table, column] of [['params', 'value'], ['run_tags', 'value'], ['runs', 'name'], ['runs', 'status'], ['experiments', 'name']]) {
        await database.db.prisma.$executeRawUnsafe(`ALTER TABLE ${table} ALTER COLUMN ${column} TYPE text COLLATE "en-x-icu"`);
      }
    }
    ctx = { ...recordingContext(database.db), now: () => clock };
    clock = 10_000;
    experimentId = (await createExperiment(ctx, { name: 'runs' })).id;
    ids = await createRuns(ctx, experimentId, RUNS, 1000);
  });
  afterAll(async () => {
    await database?.dispose();
  });

  const title = (row: Row) =>
    [typeof row.filter === 'function' ? row.filter({ bravo: '<bravo>', echo: '<echo>' }) : row.filter, row.orderBy?.join(', '), row.runView]
      .filter(Boolean)
      .join(' | ') || '(everything)';

  it.each(ROWS.map((row) => [title(row), row] as const))('%s', async (_, row) => {
    const options = { filter: typeof row.filter === 'function' ? row.filter(ids) : row.filter, orderBy: row.orderBy, runView: row.runView };
    const whole = await names(options);
    expect(whole.names).toEqual(row.expected);
    expect(whole.totalCount).toBe(row.expected.length);
    expect(whole.nextCursor).toBeNull();
    // The same search one run per page walks the same order, through every kind of cursor position.
    const paged: string[] = [];
    let after: string | null = null;
    do {
      const page = await names({ ...options, first: 1, after });
      expect(page.totalCount).toBe(row.expected.length);
      paged.push(...page.names);
      after = page.nextCursor;
    } while (after);
    expect(paged).toEqual(row.expected);
  });

  it('searches several experiments at once', async () => {
    const other = (await createExperiment(ctx, { name: 'other' })).id;
    await createRuns(ctx, other, [{ name: 'zulu', status: 'RUNNING', user: 'ana', params: { model: 'gpt2' } }], 9000);
    const page = await searchRuns(ctx, { experimentIds: [experimentId, other], filter: "params.model = 'gpt2'" });
    expect(page.items.map((r) => r.name)).toEqual(['zulu', 'foxtrot', 'alpha']);
  });

  it('breaks start_time ties by run id, and keeps paging right while runs arrive', async () => {
    const paging = (await createExperiment(ctx, { name: 'paging' })).id;
    const tied = await createRuns(
      ctx,
      paging,
      ['p1', 'p2', 'p3'].map((name, i) => ({ name, status: 'RUNNING' as const, user: 'u', metrics: [m('acc', i / 10)] })),
      500,
    );
    const sameStart = await createRun(ctx, { experimentId: paging, runName: 'same', startTime: 502 });
    const byId = [
      ['p3', tied.p3!],
      ['same', sameStart.id],
    ].sort((a, b) => (a[1]! < b[1]! ? -1 : 1));
    expect((await names({}, paging)).names).toEqual([...byId.map(([name]) => name), 'p2', 'p1']);

    const order = { orderBy: ['metrics.acc DESC'], first: 2 };
    const first = await names(order, paging);
    expect(first).toMatchObject({ names: ['p3', 'p2'], totalCount: 4 });
    // One run lands before the cursor (never shown), one after it (shown on a later page).
    await createRuns(ctx, paging, [{ name: 'before', status: 'RUNNING', user: 'u', metrics: [m('acc', 0.9)] }], 600);
    await createRuns(ctx, paging, [{ name: 'after', status: 'RUNNING', user: 'u', metrics: [m('acc', 0.05)] }], 601);
    const second = await names({ ...order, after: first.nextCursor }, paging);
    expect(second).toMatchObject({ names: ['after', 'p1'], totalCount: 6 });
    const third = await names({ ...order, after: second.nextCursor }, paging);
    expect(third).toEqual({ names: ['same'], totalCount: 6, nextCursor: null });

    // A filtered page whose remaining runs were deleted after its cursor was issued.
    const filtered = { filter: 'metrics.acc >= 0', orderBy: ['metrics.acc DESC'], first: 4 };
    const head = await names(filtered, paging);
    expect(head).toMatchObject({ names: ['before', 'p3', 'p2', 'after'], totalCount: 5 });
    await deleteRun(ctx, tied.p1!);
    expect(await names({ ...filtered, after: head.nextCursor }, paging)).toEqual({ names: [], totalCount: 4, nextCursor: null });
  });

  it('rejects bad requests with INVALID_PARAMETER_VALUE', async () => {
    const cursor = (await names({ orderBy: ['metrics.acc DESC'], first: 1 })).nextCursor!;
    const bad: Array<[Partial<SearchRunsOptions>, RegExp]> = [
      [{ filter: 'metrics.acc' }, /expected a comparator after metrics\.acc at column 12/],
      [{ orderBy: ['metrics.acc SIDEWAYS'] }, /orderBy\[0\] "metrics.acc SIDEWAYS": expected ASC or DESC/],
      [{ experimentIds: [] }, /experimentIds must name at least one experiment/],
      [{ experimentIds: ['x'] }, /numeric experiment id/],
      [{ first: 0 }, /first must be an integer between 1 and 50000/],
      [{ first: 50_001 }, /first must be an integer between 1 and 50000/],
      [{ runView: 'SOME' as 'ALL' }, /view must be ACTIVE_ONLY, DELETED_ONLY or ALL/],
      [{ after: 'garbage' }, /after is not a cursor/],
      [{ orderBy: ['metrics.loss DESC'], after: cursor }, /after is not a cursor this server issued for this orderBy/],
      [{ orderBy: ['metrics.acc DESC'], after: Buffer.from('["x",0,1]').toString('base64url') }, /after is not a cursor/],
    ];
    for (const [options, message] of bad) {
      const error = await searchRuns(ctx, { experimentIds: [experimentId], ...options }).catch((e: unknown) => e);
      expect(error, JSON.stringify(options)).toBeInstanceOf(ContrailError);
      expect((error as ContrailError).code).toBe('INVALID_PARAMETER_VALUE');
      expect((error as ContrailError).message).toMatch(message);
    }
    expect((await names({ first: 50_000 })).names).toEqual(ALL_ACTIVE);
  });

  describe('experiments', () => {
    const made: Record<string, string> = {};
    const experimentNames = async (options: Parameters<typeof searchExperiments>[1]) => {
      const page = await searchExperiments(ctx, options);
      return page.items.map((e) => e.name);
    };

    beforeAll(async () => {
      const create = async (name: string, at: number, tags: Record<string, string> = {}) => {
        clock = at;
        made[name] = (await createExperiment(ctx, { name, tags: Object.entries(tags).map(([key, value]) => ({ key, value })) })).id;
      };
      await create('exp-old', 50);
      await create('exp-nlp-1', 100, { team: 'nlp' });
      await create('exp-NLP-2', 200, { team: 'NLP', owner: 'ana' });
      await create('vision-3', 300, { team: 'vision' });
      clock = 400;
      await setExperimentTag(ctx, made['exp-nlp-1']!, { key: 'stage', value: 'prod' });
      await deleteExperiment(ctx, made['exp-old']!);
    });

    it.each<[Parameters<typeof searchExperiments>[1], string[]]>([
      [{ filter: "name LIKE 'exp-%'" }, ['exp-NLP-2', 'exp-nlp-1']],
      [{ filter: "name LIKE 'exp-nlp%'" }, ['exp-nlp-1']],
      [{ filter: "attributes.name ILIKE 'EXP-NLP%'" }, ['exp-NLP-2', 'exp-nlp-1']],
      [{ filter: "name = 'vision-3' OR tags.team = 'nlp'" }, ['vision-3', 'exp-nlp-1']],
      [{ filter: "tags.team ILIKE 'nlp'" }, ['exp-NLP-2', 'exp-nlp-1']],
      [{ filter: "tags.owner != 'bo'" }, ['exp-NLP-2']],
      [{ filter: "creation_time > 150 AND name LIKE '%-%'" }, ['vision-3', 'exp-NLP-2']],
      [{ filter: "name LIKE '%-%'", orderBy: ['name ASC'] }, ['exp-NLP-2', 'exp-nlp-1', 'vision-3']],
      [{ filter: "name LIKE '%-%'", orderBy: ['last_update_time DESC'] }, ['exp-nlp-1', 'vision-3', 'exp-NLP-2']],
      [{ filter: "name LIKE '%-%'", orderBy: ['attributes.experiment_id DESC'] }, ['vision-3', 'exp-NLP-2', 'exp-nlp-1']],
      [{ view: 'DELETED_ONLY' }, ['exp-old']],
      [{ view: 'ALL', filter: "name LIKE 'exp-%'", orderBy: ['creation_time'] }, ['exp-old', 'exp-nlp-1', 'exp-NLP-2']],
    ])('%j', async (options, expected) => {
      expect(await experimentNames(options)).toEqual(expected);
      const paged: string[] = [];
      let after: string | null = null;
      do {
        const page = await searchExperiments(ctx, { ...options, first: 1, after });
        expect(page.totalCount).toBe(expected.length);
        paged.push(...page.items.map((e) => e.name));
        after = page.nextCursor;
      } while (after);
      expect(paged).toEqual(expected);
    });

    it('rejects run fields', async () => {
      const error = await searchExperiments(ctx, { filter: 'metrics.acc > 1' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ContrailError);
      expect((error as ContrailError).message).toBe('experiments have no metrics at column 1 (use tags.<key> or an attribute)');
    });
  });
});
