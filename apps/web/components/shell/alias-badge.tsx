import { CHALLENGER, CHAMPION } from '@/lib/registry';

const kind = (alias: string) => (alias === CHAMPION ? 'alias-champion' : alias === CHALLENGER ? 'alias-challenger' : 'alias-other');

/** An alias as a badge, with the version it points at when that is not clear from where it sits. */
export function AliasBadge({ alias, version }: { alias: string; version?: number }) {
  return (
    <span className={`badge alias-badge ${kind(alias)}`} data-testid="alias-badge" data-alias={alias}>
      {alias}
      {version === undefined ? null : <span className="alias-version"> v{version}</span>}
    </span>
  );
}
