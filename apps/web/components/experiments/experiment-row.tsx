'use client';
import Link from 'next/link';
import { useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { DELETE_EXPERIMENT, RENAME_EXPERIMENT, RESTORE_EXPERIMENT } from '@/lib/documents';
import { describeError } from '@/lib/errors';
import { formatAgo, formatDateTime } from '@/lib/format';
import { useContrail } from '@/lib/hooks';
import type { Experiment } from '@/lib/types';

/** Experiment edits count as activity, and so do its newest run's start and end. */
const lastActivity = (e: Experiment) => {
  const newest = e.runs.nodes[0];
  return Math.max(e.lastUpdateTime, newest?.startTime ?? 0, newest?.endTime ?? 0);
};

export function ExperimentRow({ experiment, now }: { experiment: Experiment; now: number }) {
  const { endpoints } = useContrail();
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(experiment.name);
  const [renameState, rename] = useMutation(RENAME_EXPERIMENT);
  const [deleteState, remove] = useMutation(DELETE_EXPERIMENT);
  const [restoreState, restore] = useMutation(RESTORE_EXPERIMENT);
  const deleted = experiment.lifecycleStage === 'DELETED';
  const error = renameState.error ?? deleteState.error ?? restoreState.error;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await rename({ id: experiment.id, newName: name.trim() });
    if (!result.error) setEditing(false);
  };
  return (
    <tr data-testid="experiment-row" className={deleted ? 'deleted' : undefined}>
      <td>
        {editing ? (
          <form className="inline-form" onSubmit={submit}>
            <input data-testid="rename-input" value={name} onChange={(e) => setName(e.target.value)} autoFocus />
            <button type="submit" data-testid="rename-save">Save</button>
            <button type="button" onClick={() => setEditing(false)}>Cancel</button>
          </form>
        ) : (
          <Link href={`/experiment?id=${experiment.id}`}>{experiment.name}</Link>
        )}
        {deleted ? <span className="muted small"> (deleted)</span> : null}
        {error ? <div className="error small">{describeError(error, endpoints.apiOrigin)}</div> : null}
      </td>
      <td className="num" data-testid="run-count">{experiment.runCount}</td>
      <td title={formatDateTime(lastActivity(experiment))}>{formatAgo(lastActivity(experiment), now)}</td>
      <td>{formatDateTime(experiment.creationTime)}</td>
      <td className="actions">
        {deleted ? (
          <button data-testid="restore-experiment" onClick={() => restore({ id: experiment.id })}>Restore</button>
        ) : (
          <>
            <button data-testid="rename-experiment" onClick={() => { setName(experiment.name); setEditing(true); }}>Rename</button>
            <button data-testid="delete-experiment" className="danger" onClick={() => remove({ id: experiment.id })}>Delete</button>
          </>
        )}
      </td>
    </tr>
  );
}
