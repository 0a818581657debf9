import { Agent, request } from 'undici';

/** A keep-alive HTTP client for GraphQL, light enough not to be what the benchmark measures. */
export function graphqlClient(url: string, connections = 16) {
  const agent = new Agent({ connections, pipelining: 1, keepAliveTimeout: 30_000 });
  const endpoint = `${url}/graphql`;
  return {
    async post<T = any>(query: string, variables?: Record<string, unknown>): Promise<T> {
      const { body, statusCode } = await request(endpoint, {
        method: 'POST',
        dispatcher: agent,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query, variables }),
      });
      const result = (await body.json()) as { data?: T; errors?: unknown[] };
      if (statusCode !== 200 || result.errors) throw new Error(`GraphQL failed (${statusCode}): ${JSON.stringify(result.errors)}`);
      return result.data as T;
    },
    close: () => agent.close(),
  };
}
export type GraphQLClient = ReturnType<typeof graphqlClient>;

export const LOG_BATCH = 'mutation($input: LogBatchInput!) { logBatch(input: $input) { metricsStored } }';

export async function newRun(client: GraphQLClient, experimentId: string, runName: string): Promise<string> {
  const data = await client.post<{ createRun: { id: string } }>(
    'mutation($e: ID!, $n: String) { createRun(input: { experimentId: $e, runName: $n }) { id } }',
    { e: experimentId, n: runName },
  );
  return data.createRun.id;
}

export async function newExperiment(client: GraphQLClient, name: string): Promise<string> {
  const data = await client.post<{ getOrCreateExperiment: { id: string } }>('mutation($n: String!) { getOrCreateExperiment(name: $n) { id } }', { n: name });
  return data.getOrCreateExperiment.id;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export const median = (values: number[]) => percentile([...values].sort((a, b) => a - b), 50);
