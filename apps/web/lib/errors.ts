import type { CombinedError } from 'urql';

/** A sentence for people: the server's own message for GraphQL errors, where it is for network ones. */
export function describeError(error: CombinedError, apiOrigin: string): string {
  if (error.networkError) return `Cannot reach the server at ${apiOrigin}, retrying…`;
  return error.graphQLErrors.map((e) => e.message).join('; ') || error.message;
}
