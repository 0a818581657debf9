import { invalid } from './errors.js';
import { LIMITS } from './limits.js';

// MLflow's rule for param, metric and tag keys: alphanumerics, underscores, dashes, periods, spaces
// and slashes; no ".." segment and no leading "/" (keys become artifact-like paths in MLflow).
const KEY_PATTERN = /^[/\w.\- ]+$/;

export function validateKey(key: unknown, field: string): string {
  if (typeof key !== 'string' || key.length === 0) throw invalid(`${field} must be a non-empty string`);
  if (key.length > LIMITS.keyLength) {
    throw invalid(`${field} "${key.slice(0, 40)}..." is ${key.length} characters long; the limit is ${LIMITS.keyLength}`);
  }
  if (!KEY_PATTERN.test(key)) {
    throw invalid(
      `${field} "${key}" is not a valid name: use letters, digits, underscores, dashes, periods, spaces and slashes`,
    );
  }
  if (key.startsWith('/') || key.split('/').includes('..') || key.includes('..')) {
    throw invalid(`${field} "${key}" must not start with "/" or contain ".."`);
  }
  return key;
}

export function validateLength(value: unknown, limit: number, field: string): string {
  if (typeof value !== 'string') throw invalid(`${field} must be a string`);
  // PostgreSQL text cannot hold NUL; refuse it everywhere so both databases accept the same data.
  if (value.includes('\u0000')) throw invalid(`${field} must not contain the NUL character (\\u0000)`);
  if (value.length > limit) throw invalid(`${field} is ${value.length} characters long; the limit is ${limit}`);
  return value;
}

/** Timestamps and steps are int64 in MLflow; JavaScript numbers hold them exactly up to 2^53. */
export function validateInt64(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    throw invalid(`${field} must be an integer between -(2^53-1) and 2^53-1, got ${String(value)}`);
  }
  return value;
}

export function validateMetricValue(value: unknown, field: string): number {
  if (typeof value !== 'number') throw invalid(`${field} must be a number (NaN and ±Infinity are allowed)`);
  return value;
}

export function validateExperimentName(name: unknown, field = 'name'): string {
  if (typeof name !== 'string' || name.trim().length === 0) throw invalid(`${field} must be a non-empty string`);
  return validateLength(name, LIMITS.experimentNameLength, field);
}
