'use client';
import Link from 'next/link';
import { useState, type FormEvent } from 'react';
import { useQuery } from 'urql';
import { AliasBadge } from '@/components/shell/alias-badge';
import { QueryState } from '@/components/shell/query-state';
import { MODEL_ALIAS_CHANGED, MODEL_VERSION_CREATED, SEARCH_REGISTERED_MODELS } from '@/lib/documents';
import { formatAgo, formatDateTime } from '@/lib/format';
import { useNow, useOnReconnect, useThrottled } from '@/lib/hooks';
import { nameFilter } from '@/lib/registry';
import { useLiveSubscription } from '@/lib/use-live-subscription';

const PAGE = 200;

/** `/models`: registered models by name, searchable, kept current by the registry's subscriptions. */
export function ModelsPage() {
  const [search, setSearch] = useState('');
  const [text, setText] = useState('');
  const filter = nameFilter(search);
  const [{ data, fetching, error }, refetch] = useQuery({
    query: SEARCH_REGISTERED_MODELS,
    variables: { filter, first: PAGE },
    requestPolicy: 'cache-and-network',
  });
  const refresh = useThrottled(() => refetch({ requestPolicy: 'network-only' }), 500);
  useOnReconnect(refresh);
  // Any model's new version or alias change (a model without versions has neither; it shows on the next visit).
  useLiveSubscription(MODEL_VERSION_CREATED, { name: null }, refresh);
  useLiveSubscription(MODEL_ALIAS_CHANGED, { name: null }, refresh);
  const now = useNow(30_000);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSearch(text);
  };
  const models = data?.searchRegisteredModels.nodes ?? [];
  return (
    <div className="page">
      <header className="page-head">
        <h1>Models</h1>
        <p className="muted">Registered models, their newest version, and the aliases (such as champion) that services load them by.</p>
      </header>
      <div className="toolbar">
        <form className="inline-form" onSubmit={submit}>
          <input data-testid="models-search" placeholder="Search by name" value={text} onChange={(e) => setText(e.target.value)} />
          <button type="submit">Search</button>
          {search ? (
            <button type="button" onClick={() => (setText(''), setSearch(''))}>
              Clear
            </button>
          ) : null}
        </form>
      </div>
      {data ? null : <QueryState fetching={fetching} error={error} />}
      {data && error ? <QueryState fetching={false} error={error} /> : null}
      {data && models.length === 0 ? (
        <p className="muted" data-testid="models-empty">
          {search
            ? `No model name contains “${search.trim()}”.`
            : 'No registered models yet: register one from a run (createRegisteredModel, then createModelVersion with source runs:/<run id>/model).'}
        </p>
      ) : null}
      {models.length > 0 ? (
        <table className="grid" data-testid="models-table">
          <thead>
            <tr>
              <th>Name</th>
              <th>Latest version</th>
              <th>Aliases</th>
              <th>Last updated</th>
            </tr>
          </thead>
          <tbody>
            {models.map((model) => {
              const latest = model.versions.nodes[0];
              return (
                <tr key={model.id} data-testid="model-row" data-model={model.name}>
                  <td>
                    <Link href={`/model?name=${encodeURIComponent(model.name)}`} data-testid="model-name">
                      {model.name}
                    </Link>
                  </td>
                  <td data-testid="latest-version">
                    {latest ? `v${latest.version}` : <span className="muted">none</span>}
                    {model.versions.totalCount > 1 ? <span className="muted small"> of {model.versions.totalCount}</span> : null}
                  </td>
                  <td>
                    <span className="badges" data-testid="model-aliases">
                      {model.aliases.length === 0 ? <span className="muted">–</span> : null}
                      {model.aliases.map((a) => (
                        <AliasBadge key={a.alias} alias={a.alias} version={a.version} />
                      ))}
                    </span>
                  </td>
                  <td title={formatDateTime(model.lastUpdateTime)}>{formatAgo(model.lastUpdateTime, now)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}
      {data && data.searchRegisteredModels.totalCount > PAGE ? (
        <p className="muted small">The first {PAGE} of {data.searchRegisteredModels.totalCount} models by name: search to narrow them down.</p>
      ) : null}
    </div>
  );
}
