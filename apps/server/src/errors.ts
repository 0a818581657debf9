import { GraphQLError } from 'graphql';
import { isContrailError } from '@contrail/core';
import type { Logger } from './logger.js';

/**
 * Expected failures (ContrailError) reach clients with their MLflow code in `extensions.code`;
 * GraphQL's own errors (syntax, validation, bad variables) pass through; anything else is a bug:
 * logged in full here, and masked for the client.
 */
export function createErrorMasker(logger: Logger) {
  return (error: unknown, message: string): Error => {
    const original = error instanceof GraphQLError ? (error.originalError ?? null) : error;
    // graphql-ws wraps errors thrown by a subscription's source once more
    const cause = original instanceof GraphQLError && original.originalError ? original.originalError : original;
    if (isContrailError(cause)) {
      return new GraphQLError(cause.message, {
        nodes: error instanceof GraphQLError ? error.nodes : undefined,
        path: error instanceof GraphQLError ? error.path : undefined,
        extensions: { code: cause.code },
      });
    }
    if (error instanceof GraphQLError && !error.originalError) return error;
    if (error instanceof GraphQLError && error.originalError instanceof GraphQLError) return error.originalError;
    logger.error(`unexpected error: ${message}`, original ?? error);
    return new GraphQLError('Unexpected error.', {
      path: error instanceof GraphQLError ? error.path : undefined,
      extensions: { code: 'INTERNAL_ERROR' },
    });
  };
}
