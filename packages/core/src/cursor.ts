import { invalid } from './errors.js';

/**
 * Paging cursors are keyset positions (the sort values of the last row seen plus its id), encoded as
 * base64url JSON. Unlike offsets, they stay correct while new rows arrive.
 */
export function encodeCursor(position: readonly unknown[]): string {
  return Buffer.from(JSON.stringify(position)).toString('base64url');
}

export function decodeCursor(cursor: string, arity: number, field = 'after'): unknown[] {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === arity) return value;
  } catch {
    // fall through to the error below
  }
  throw invalid(`${field} is not a cursor this server issued`);
}

export function pageSize(first: number | null | undefined, max: number, fallback: number): number {
  if (first == null) return fallback;
  if (!Number.isInteger(first) || first < 1 || first > max) {
    throw invalid(`first must be an integer between 1 and ${max}, got ${first}`);
  }
  return first;
}

/** The position of a page ordered by a numeric id alone, or null for the first page. */
export function decodeIdCursor(after: string | null | undefined): number | null {
  if (!after) return null;
  const [id] = decodeCursor(after, 1);
  if (!Number.isSafeInteger(id)) throw invalid('after is not a cursor this server issued');
  return id as number;
}
