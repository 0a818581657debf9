'use client';
import { useEffect, useRef, useState } from 'react';
import { PROMOTE_MODEL_ALIAS } from '@/lib/documents';
import { describeError } from '@/lib/errors';
import { useContrail } from '@/lib/hooks';
import { CHALLENGER, CHAMPION, describePlan, planPromotion } from '@/lib/registry';
import type { ModelAlias } from '@/lib/types';
import { actorOf } from '@/lib/use-actor';

interface Props {
  name: string;
  /** The aliases as this page last read them (kept live); the plan shown comes from these. */
  aliases: ModelAlias[];
  actor: string;
  /** Reads the model again (after a change, or when the aliases shown turned out stale). */
  refresh: () => void;
  /** With a sentence saying what was done, or null when cancelled. */
  onClose: (done: string | null) => void;
}

/**
 * Confirms "promote challenger to champion" and carries it out in one server transaction. The server
 * is told which version the user confirmed; if another window moved challenger meanwhile it changes
 * nothing and says so, and the page (kept live) shows the new plan to confirm instead.
 */
export function PromoteDialog({ name, aliases, actor, refresh, onClose }: Props) {
  const client = useContrail();
  const dialog = useRef<HTMLDialogElement>(null);
  const [clearChallenger, setClearChallenger] = useState(true);
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const shown = planPromotion(aliases, clearChallenger);

  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
  }, []);

  const confirm = async () => {
    if (!shown.ok) return;
    setRunning(true);
    setError(null);
    try {
      const result = await client.urql
        .mutation(PROMOTE_MODEL_ALIAS, { name, keepFrom: !clearChallenger, expectedVersion: shown.to, actor: actorOf(actor) })
        .toPromise();
      if (result.error) {
        setError(describeError(result.error, client.endpoints.apiOrigin));
        return;
      }
      onClose(`Version ${shown.to} is now ${CHAMPION}${shown.clearChallenger ? `; ${CHALLENGER} removed.` : '.'}`);
    } finally {
      setRunning(false);
      refresh();
    }
  };

  return (
    <dialog
      ref={dialog}
      className="dialog"
      data-testid="promote-dialog"
      aria-labelledby="promote-title"
      onCancel={(event) => {
        event.preventDefault();
        if (!running) onClose(null);
      }}
    >
      <h2 id="promote-title">Promote challenger to champion</h2>
      <ul className="plan" data-testid="promote-plan">
        {describePlan(shown).map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      <label className="toggle">
        <input
          type="checkbox"
          data-testid="promote-clear-challenger"
          checked={clearChallenger}
          disabled={running}
          onChange={(e) => setClearChallenger(e.target.checked)}
        />
        Remove the {CHALLENGER} alias afterwards
      </label>
      {error ? (
        <p className="error" role="alert" data-testid="promote-error">
          {error}
        </p>
      ) : null}
      <div className="dialog-actions">
        <button type="button" data-testid="promote-cancel" disabled={running} onClick={() => onClose(null)}>
          Cancel
        </button>
        <button type="button" className="primary" data-testid="promote-confirm" disabled={running || !shown.ok} onClick={confirm}>
          {running ? 'Promoting…' : 'Promote'}
        </button>
      </div>
    </dialog>
  );
}
