'use client';
import type { CombinedError } from 'urql';
import { describeError } from '@/lib/errors';
import { useContrail } from '@/lib/hooks';

/** The line shown instead of a page's content while it loads or when it cannot. */
export function QueryState({ fetching, error }: { fetching: boolean; error: CombinedError | undefined }) {
  const { endpoints } = useContrail();
  if (error) return <p className="error" role="alert" data-testid="query-error">{describeError(error, endpoints.apiOrigin)}</p>;
  return fetching ? <p className="muted">Loading…</p> : null;
}
