/**
 * Expected failures carry one of MLflow's error codes, so that GraphQL and the MLflow REST routes
 * report the same thing. Anything else that escapes is a bug: servers mask it and log it.
 */
export const ErrorCode = {
  INVALID_PARAMETER_VALUE: 'INVALID_PARAMETER_VALUE',
  RESOURCE_DOES_NOT_EXIST: 'RESOURCE_DOES_NOT_EXIST',
  RESOURCE_ALREADY_EXISTS: 'RESOURCE_ALREADY_EXISTS',
  INVALID_STATE: 'INVALID_STATE',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** HTTP status MLflow uses for each code. */
export const httpStatusOf: Record<ErrorCode, number> = {
  INVALID_PARAMETER_VALUE: 400,
  RESOURCE_DOES_NOT_EXIST: 404,
  RESOURCE_ALREADY_EXISTS: 400,
  INVALID_STATE: 400,
};

export class ContrailError extends Error {
  override readonly name = 'ContrailError';
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export const invalid = (message: string) => new ContrailError(ErrorCode.INVALID_PARAMETER_VALUE, message);
export const notFound = (message: string) => new ContrailError(ErrorCode.RESOURCE_DOES_NOT_EXIST, message);
export const alreadyExists = (message: string) => new ContrailError(ErrorCode.RESOURCE_ALREADY_EXISTS, message);
export const invalidState = (message: string) => new ContrailError(ErrorCode.INVALID_STATE, message);

export const isContrailError = (error: unknown): error is ContrailError => error instanceof ContrailError;
