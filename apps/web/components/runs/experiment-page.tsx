'use client';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useQuery } from 'urql';
import { QueryState } from '@/components/shell/query-state';
import { EXPERIMENT_HEADER } from '@/lib/documents';
import { useNow } from '@/lib/hooks';
import { columnId, DEFAULT_SORT, defaultColumns, keysOf, type Column, type Sort } from '@/lib/run-columns';
import { RUNS_PAGE_SIZE, useRunsPage } from '@/lib/use-runs-page';
import { ColumnPicker } from './column-picker';
import { Pager } from './pager';
import { RunsFilter } from './runs-filter';
import { RunsTable } from './runs-table';

/** An experiment's runs: live statuses, chosen columns, sorting, filtering, paging, and compare. */
export function ExperimentPage({ experimentId }: { experimentId: string }) {
  const router = useRouter();
  const [{ data: header, fetching, error }] = useQuery({ query: EXPERIMENT_HEADER, variables: { id: experimentId } });
  const [filter, setFilter] = useState('');
  const [sort, setSort] = useState<Sort>(DEFAULT_SORT);
  const [cursors, setCursors] = useState<Array<string | null>>([null]);
  const [chosen, setChosen] = useState<Column[] | null>(null);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const now = useNow(1000);
  const page = useRunsPage({ experimentId, filter, sort, after: cursors[cursors.length - 1]! });
  // A new filter or order starts again from its first page.
  const applyFilter = (next: string) => {
    setFilter(next);
    setCursors([null]);
  };
  const sortBy = (column: Column) => {
    // A second click reverses; a first click shows the highest metric or newest run first, and text A to Z.
    const descending = columnId(sort.column) === columnId(column) ? !sort.descending : column.kind === 'metric' || column.key === 'startTime';
    setSort({ column, descending });
    setCursors([null]);
  };

  if (!header) return <QueryState fetching={fetching} error={error} />;
  const columns = chosen ?? defaultColumns(page.rows);
  const toggle = (id: string) =>
    setSelected((set) => {
      const next = new Set(set);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  const compare = () => {
    const metric = columns.find((c) => c.kind === 'metric')?.key ?? keysOf(page.rows).metrics[0] ?? '';
    router.push(`/compare?runs=${[...selected].join(',')}&metric=${encodeURIComponent(metric)}`);
  };
  return (
    <div className="page">
      <header className="page-head">
        <h1>{header.experiment.name}</h1>
        {page.loaded ? (
          <p className="muted" data-testid="run-total">
            {page.totalCount.toLocaleString('en-US')} {page.totalCount === 1 ? 'run' : 'runs'}
            {filter ? ' match the filter' : null}
          </p>
        ) : null}
      </header>
      <div className="toolbar">
        <RunsFilter value={filter} onApply={applyFilter} />
        <ColumnPicker available={keysOf(page.rows)} chosen={columns} onChange={setChosen} />
        <button data-testid="compare-runs" disabled={selected.size < 2} onClick={compare}>
          Compare {selected.size >= 2 ? `${selected.size} runs` : 'runs'}
        </button>
      </div>
      {page.loaded ? null : <QueryState fetching={page.fetching} error={page.error} />}
      {page.loaded && page.rows.length === 0 ? (
        <p className="muted">{filter ? 'No runs match the filter.' : 'No runs yet: they appear here as soon as training code starts one.'}</p>
      ) : null}
      {page.rows.length > 0 ? (
        <RunsTable
          rows={page.rows}
          columns={columns}
          sort={sort}
          onSort={sortBy}
          selected={selected}
          onToggle={toggle}
          now={now}
        />
      ) : null}
      <Pager
        pageIndex={cursors.length - 1}
        pageSize={RUNS_PAGE_SIZE}
        totalCount={page.totalCount}
        onPrevious={cursors.length > 1 ? () => setCursors((c) => c.slice(0, -1)) : null}
        onNext={page.nextCursor ? () => setCursors((c) => [...c, page.nextCursor]) : null}
      />
    </div>
  );
}
