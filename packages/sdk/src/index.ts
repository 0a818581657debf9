import { createRequester, type ClientOptions, type GraphQLRequester } from './client.js';
import { ActiveRun } from './run.js';

export { ContrailError, type ClientOptions } from './client.js';
export { ActiveRun, type MetricPoint } from './run.js';

export interface StartRunOptions {
  experiment: string;
  runName?: string;
  tags?: Record<string, string>;
  parentRunId?: string;
}

/** The TypeScript client for training code. */
export class Contrail {
  private readonly client: GraphQLRequester;

  constructor(options: ClientOptions) {
    this.client = createRequester(options);
  }

  /** Creates a run in the named experiment (created if missing, like mlflow.set_experiment). */
  async startRun(options: StartRunOptions): Promise<ActiveRun> {
    const { getOrCreateExperiment } = await this.client.request<{ getOrCreateExperiment: { id: string } }>(
      'mutation($n: String!) { getOrCreateExperiment(name: $n) { id } }',
      { n: options.experiment },
    );
    const tags = Object.entries(options.tags ?? {}).map(([key, value]) => ({ key, value }));
    const { createRun } = await this.client.request<{ createRun: { id: string } }>(
      'mutation($input: CreateRunInput!) { createRun(input: $input) { id } }',
      { input: { experimentId: getOrCreateExperiment.id, runName: options.runName, tags, parentRunId: options.parentRunId } },
    );
    return new ActiveRun(this.client, createRun.id);
  }

  /** Like Python's `with mlflow.start_run()`: the run ends FINISHED, or FAILED if `fn` throws. */
  async withRun<T>(options: StartRunOptions, fn: (run: ActiveRun) => Promise<T>): Promise<T> {
    const run = await this.startRun(options);
    try {
      const result = await fn(run);
      await run.end('FINISHED');
      return result;
    } catch (error) {
      await run.end('FAILED').catch(() => undefined);
      throw error;
    }
  }
}
