'use client';
import Link from 'next/link';
import { QueryState } from '@/components/shell/query-state';
import { formatDateTime } from '@/lib/format';
import { useActor } from '@/lib/use-actor';
import { ALIAS_HISTORY_SHOWN, MODEL_VERSIONS_SHOWN, useRegisteredModel } from '@/lib/use-registered-model';
import { AliasHistory } from './alias-history';
import { AliasesPanel } from './aliases-panel';
import { VersionsTable } from './versions-table';

/** A registered model: its versions, alias management (assign, remove, promote) and alias history, live. */
export function ModelPage({ name }: { name: string }) {
  const { model, fetching, error, refresh } = useRegisteredModel(name);
  const [actor, setActor] = useActor();
  if (!model) return <QueryState fetching={fetching} error={error} />;
  const versions = model.versions.nodes;
  return (
    <div className="page">
      <header className="page-head">
        <p className="crumbs">
          <Link href="/models">Models</Link>
        </p>
        <h1 data-testid="model-title">{model.name}</h1>
        {model.description ? <p>{model.description}</p> : null}
        <dl className="facts">
          <dt>Versions</dt>
          <dd data-testid="version-count">{model.versions.totalCount}</dd>
          <dt>Created</dt>
          <dd>{formatDateTime(model.creationTime)}</dd>
          <dt>Last updated</dt>
          <dd>{formatDateTime(model.lastUpdateTime)}</dd>
          <dt>Load with</dt>
          <dd className="mono">models:/{model.name}@champion</dd>
        </dl>
      </header>
      {error ? <QueryState fetching={false} error={error} /> : null}
      <section>
        <h2>Versions</h2>
        {versions.length === 0 ? (
          <p className="muted">No versions yet: register one from a run with createModelVersion (source runs:/&lt;run id&gt;/model).</p>
        ) : (
          <VersionsTable versions={versions} aliases={model.aliases} />
        )}
        {model.versions.totalCount > MODEL_VERSIONS_SHOWN ? (
          <p className="muted small">The newest {MODEL_VERSIONS_SHOWN} of {model.versions.totalCount} versions.</p>
        ) : null}
      </section>
      <div className="columns two">
        <section>
          <div className="section-head">
            <h2>Aliases</h2>
            <label className="inline-form small muted">
              Acting as
              <input data-testid="actor" className="narrow" value={actor} onChange={(e) => setActor(e.target.value)} />
            </label>
          </div>
          <AliasesPanel name={model.name} aliases={model.aliases} versions={versions.map((v) => v.version)} actor={actor} onChanged={refresh} />
        </section>
        <section>
          <h2>Alias history</h2>
          <AliasHistory events={model.aliasHistory.nodes} />
          {model.aliasHistory.totalCount > ALIAS_HISTORY_SHOWN ? (
            <p className="muted small">The newest {ALIAS_HISTORY_SHOWN} of {model.aliasHistory.totalCount} changes.</p>
          ) : null}
        </section>
      </div>
    </div>
  );
}
