import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';

describe('searchRuns and searchExperiments over HTTP', () => {
  let server: TestServer;
  let experimentId: string;

  beforeAll(async () => {
    server = await startTestServer();
    experimentId = (await server.ok<{ createExperiment: { id: string } }>('mutation { createExperiment(input: { name: "nlp-search", tags: [{ key: "team", value: "nlp" }] }) { id } }')).createExperiment.id;
    await server.ok('mutation { createExperiment(input: { name: "vision" }) { id } }');
    const runs: Array<[string, string, number]> = [
      ['gpt2-a', 'gpt2', 0.91],
      ['gpt2-b', 'gpt2', 0.8],
      ['bert-a', 'bert', 0.95],
    ];
    for (const [name, model, accuracy] of runs) {
      const { createRun } = await server.ok<{ createRun: { id: string } }>('mutation($e: ID!, $n: String) { createRun(input: { experimentId: $e, runName: $n }) { id } }', { e: experimentId, n: name });
      await server.ok('mutation($input: LogBatchInput!) { logBatch(input: $input) { metricsStored } }', {
        input: { runId: createRun.id, params: [{ key: 'model', value: model }], metrics: [{ key: 'val_accuracy', value: accuracy, step: 1 }] },
      });
    }
  });
  afterAll(async () => {
    await server?.dispose();
  });

  const search = (filter: string, orderBy: string[] = []) =>
    server.gql<{ searchRuns: { totalCount: number; nodes: Array<{ name: string }> } }>(
      'query($e: [ID!]!, $f: String, $o: [String!]) { searchRuns(experimentIds: $e, filter: $f, orderBy: $o) { totalCount nodes { name } } }',
      { e: [experimentId], f: filter, o: orderBy },
    );

  it("answers the MLflow docs' example query, ordered", async () => {
    const result = await search("metrics.val_accuracy > 0.85 and params.model = 'gpt2'", ['metrics.val_accuracy DESC']);
    expect(result.data?.searchRuns).toEqual({ totalCount: 1, nodes: [{ name: 'gpt2-a' }] });
    const either = await search("params.model = 'bert' OR metrics.val_accuracy < 0.85", ['metrics.val_accuracy DESC']);
    expect(either.data?.searchRuns.nodes.map((r) => r.name)).toEqual(['bert-a', 'gpt2-b']);
  });

  it('points at the position of a mistake in a filter', async () => {
    const result = await search('metrics.acc 0.5');
    expect(result.errors?.[0]?.extensions?.code).toBe('INVALID_PARAMETER_VALUE');
    expect(result.errors?.[0]?.message).toMatch(/expected a comparator after metrics\.acc at column 13/);
  });

  it('searches experiments by name and tag', async () => {
    const { searchExperiments } = await server.ok<{ searchExperiments: { nodes: Array<{ name: string }> } }>(
      `{ searchExperiments(filter: "name LIKE 'nlp-%' and tags.team = 'nlp'") { nodes { name } } }`,
    );
    expect(searchExperiments.nodes).toEqual([{ name: 'nlp-search' }]);
  });
});
