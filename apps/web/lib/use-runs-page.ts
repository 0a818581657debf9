'use client';
import { useMemo, useRef, useState } from 'react';
import { useQuery } from 'urql';
import { RUN_UPDATED, SEARCH_RUNS } from './documents';
import { useOnReconnect, useThrottled } from './hooks';
import { orderByFor, type Sort } from './run-columns';
import type { RunRow } from './types';
import { useLiveSubscription } from './use-live-subscription';

/** Small enough to render at once; an experiment of 10,000 runs is 100 pages. */
export const RUNS_PAGE_SIZE = 100;

export interface RunsPageRequest {
  experimentId: string;
  /** MLflow's filter language, as searchRuns takes it; empty for every run. */
  filter: string;
  sort: Sort;
  /** Cursor of the page; null for the first. */
  after: string | null;
}

/**
 * One page of an experiment's runs from searchRuns, kept live: a status or name change patches its
 * row at once, and the page is refetched (at most once a second) when runs are created, deleted or
 * restored, or when a filter is on and a change may move a run in or out of it.
 */
export function useRunsPage({ experimentId, filter, sort, after }: RunsPageRequest) {
  const orderBy = useMemo(() => orderByFor(sort), [sort]);
  const [{ data, fetching, error }, refetch] = useQuery({
    query: SEARCH_RUNS,
    variables: { experimentIds: [experimentId], filter: filter || null, orderBy, first: RUNS_PAGE_SIZE, after },
    requestPolicy: 'cache-and-network',
  });
  const [patched, setPatched] = useState<ReadonlyMap<string, RunRow>>(new Map());
  const refresh = useThrottled(() => {
    setPatched(new Map());
    refetch({ requestPolicy: 'network-only' });
  }, 1000);
  useOnReconnect(refresh);
  useLiveSubscription(RUN_UPDATED, { experimentId }, ({ runUpdated }) => {
    if (runUpdated.change === 'UPDATED') setPatched((map) => new Map(map).set(runUpdated.run.id, runUpdated.run));
    if (runUpdated.change !== 'UPDATED' || filter) refresh();
  });

  // While another page, sort or filter loads, the rows in view stay (no flash of "Loading…").
  const previous = useRef(data?.searchRuns);
  if (data?.searchRuns) previous.current = data.searchRuns;
  const page = data?.searchRuns ?? (error ? undefined : previous.current);
  const rows = useMemo(() => (page?.nodes ?? []).map((run) => patched.get(run.id) ?? run), [page, patched]);
  return {
    rows,
    totalCount: page?.totalCount ?? 0,
    nextCursor: page?.pageInfo.hasNextPage ? page.pageInfo.endCursor : null,
    loaded: page !== undefined,
    fetching,
    error,
  };
}
