'use client';
import { useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { AliasBadge } from '@/components/shell/alias-badge';
import { DELETE_MODEL_ALIAS, SET_MODEL_ALIAS } from '@/lib/documents';
import { describeError } from '@/lib/errors';
import { useContrail } from '@/lib/hooks';
import { CHALLENGER, versionOf } from '@/lib/registry';
import type { ModelAlias } from '@/lib/types';
import { actorOf } from '@/lib/use-actor';
import { PromoteDialog } from './promote-dialog';

interface Props {
  name: string;
  aliases: ModelAlias[];
  /** The versions to choose from, newest first. */
  versions: number[];
  actor: string;
  onChanged: () => void;
}

/** The model's aliases with a remove button each, a form to assign one, and the promote action. */
export function AliasesPanel({ name, aliases, versions, actor, onChanged }: Props) {
  const { endpoints } = useContrail();
  const [removeState, remove] = useMutation(DELETE_MODEL_ALIAS);
  const [removing, setRemoving] = useState<string | null>(null);
  const [promoting, setPromoting] = useState(false);
  const [promoted, setPromoted] = useState<string | null>(null);
  const removeAlias = async (alias: string) => {
    setRemoving(alias);
    const result = await remove({ name, alias, actor: actorOf(actor) });
    setRemoving(null);
    if (!result.error) onChanged();
  };
  const challenger = versionOf(aliases, CHALLENGER);
  return (
    <div className="aliases-panel">
      {aliases.length === 0 ? (
        <p className="muted" data-testid="aliases-empty">
          No aliases yet: assign one below, then load the model as <span className="mono nowrap">models:/{name}@&lt;alias&gt;</span>.
        </p>
      ) : (
        <ul className="alias-list" data-testid="aliases">
          {aliases.map(({ alias, version }) => (
            <li key={alias} data-testid="alias-row" data-alias={alias}>
              <AliasBadge alias={alias} />
              <span className="muted">→</span>
              <span data-testid="alias-target">v{version}</span>
              <button className="danger" data-testid="delete-alias" disabled={removing !== null} onClick={() => removeAlias(alias)}>
                {removing === alias ? 'Removing…' : 'Remove'}
              </button>
            </li>
          ))}
        </ul>
      )}
      {removeState.error ? (
        <p className="error small" role="alert">
          {describeError(removeState.error, endpoints.apiOrigin)}
        </p>
      ) : null}
      <AssignAliasForm name={name} versions={versions} actor={actor} onChanged={onChanged} />
      <div className="promote">
        <button
          data-testid="promote-challenger"
          disabled={challenger === null || promoting}
          title={challenger === null ? 'Assign the challenger alias to a version first' : undefined}
          onClick={() => (setPromoted(null), setPromoting(true))}
        >
          Promote challenger to champion
        </button>
        {challenger === null ? <span className="muted small"> No challenger to promote.</span> : null}
        {promoted ? (
          <span className="small" role="status" data-testid="promote-status">
            {' '}
            {promoted}
          </span>
        ) : null}
      </div>
      {promoting ? (
        <PromoteDialog
          name={name}
          aliases={aliases}
          actor={actor}
          refresh={onChanged}
          onClose={(done) => {
            setPromoting(false);
            if (done) setPromoted(done);
          }}
        />
      ) : null}
    </div>
  );
}

function AssignAliasForm({ name, versions, actor, onChanged }: Omit<Props, 'aliases'>) {
  const { endpoints } = useContrail();
  const [alias, setAlias] = useState('');
  const [chosen, setChosen] = useState<number | null>(null);
  const [{ fetching, error }, assign] = useMutation(SET_MODEL_ALIAS);
  const version = chosen ?? versions[0] ?? null;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!alias.trim() || version === null) return;
    const result = await assign({ name, alias: alias.trim(), version, actor: actorOf(actor) });
    if (!result.error) {
      setAlias('');
      onChanged();
    }
  };
  return (
    <form className="assign-form" onSubmit={submit}>
      <div className="inline-form">
        <input data-testid="alias-name" placeholder="Alias, e.g. champion" value={alias} onChange={(e) => setAlias(e.target.value)} />
        <label className="inline-form">
          on
          <select data-testid="alias-version" value={version ?? ''} onChange={(e) => setChosen(Number(e.target.value))} disabled={versions.length === 0}>
            {versions.map((v) => (
              <option key={v} value={v}>
                v{v}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" data-testid="assign-alias" disabled={fetching || !alias.trim() || version === null}>
          {fetching ? 'Assigning…' : 'Assign'}
        </button>
      </div>
      {error ? (
        <p className="error small" role="alert" data-testid="alias-error">
          {describeError(error, endpoints.apiOrigin)}
        </p>
      ) : null}
    </form>
  );
}
