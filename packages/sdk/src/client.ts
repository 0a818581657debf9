/**
 * A small GraphQL client for training code: one request function with retries, so a short server
 * outage (a restart, a deploy) costs a delay, not data. Uses the global fetch (Node 18+, browsers).
 */
export class ContrailError extends Error {
  override readonly name = 'ContrailError';
  constructor(
    message: string,
    /** MLflow's error code from the server (INVALID_PARAMETER_VALUE, ...), when it sent one. */
    readonly code: string | null,
  ) {
    super(message);
  }
}

export interface ClientOptions {
  /** Base URL of the server, e.g. http://127.0.0.1:5000 */
  url: string;
  /** Attempts for a request that fails to reach the server (default 8, about 25 s of backoff). */
  retries?: number;
  /** First backoff delay in ms, doubled per attempt up to 5 s (default 100). */
  backoffMs?: number;
}

export interface GraphQLRequester {
  request<T>(query: string, variables?: Record<string, unknown>): Promise<T>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function createRequester(options: ClientOptions): GraphQLRequester {
  const endpoint = `${options.url.replace(/\/+$/, '')}/graphql`;
  const retries = options.retries ?? 8;
  const backoff = options.backoffMs ?? 100;
  return {
    async request<T>(query: string, variables?: Record<string, unknown>): Promise<T> {
      for (let attempt = 0; ; attempt++) {
        let response: Response;
        try {
          response = await fetch(endpoint, {
            method: 'POST',
            headers: { 'content-type': 'application/json', accept: 'application/json' },
            body: JSON.stringify({ query, variables }),
          });
        } catch (error) {
          // Not reached: the server is down or restarting. Retrying is safe: every write is idempotent
          // (a repeated point is stored once, a repeated param with the same value is accepted).
          if (attempt >= retries) throw new ContrailError(`cannot reach the server at ${options.url}: ${(error as Error).message}`, null);
          await sleep(Math.min(5000, backoff * 2 ** attempt));
          continue;
        }
        if (response.status >= 500 && attempt < retries) {
          await sleep(Math.min(5000, backoff * 2 ** attempt));
          continue;
        }
        const body = (await response.json().catch(() => null)) as { data?: T; errors?: Array<{ message: string; extensions?: { code?: string } }> } | null;
        const error = body?.errors?.[0];
        if (error) throw new ContrailError(error.message, error.extensions?.code ?? null);
        if (!body?.data) throw new ContrailError(`unexpected answer from the server (HTTP ${response.status})`, null);
        return body.data;
      }
    },
  };
}
