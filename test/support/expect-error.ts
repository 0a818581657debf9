import { expect } from 'vitest';
import { ContrailError } from '@contrail/core';

/** Awaits a call that must fail with a ContrailError of this code (and message, when given). */
export async function expectError(promise: Promise<unknown>, code: string, message?: RegExp): Promise<ContrailError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, 'expected the call to fail').toBeInstanceOf(ContrailError);
  expect((error as ContrailError).code).toBe(code);
  if (message) expect((error as ContrailError).message).toMatch(message);
  return error as ContrailError;
}
