import type { AliasAction, AliasEvent, ModelAlias, ModelStage } from './types';

/** The two aliases the promote action works with (MLflow's convention, nothing reserved). */
export const CHAMPION = 'champion';
export const CHALLENGER = 'challenger';

/** Aliases sorted by name, per version: the versions table shows each version's badges. */
export function aliasesByVersion(aliases: readonly ModelAlias[]): Map<number, string[]> {
  const map = new Map<number, string[]>();
  for (const { alias, version } of [...aliases].sort((a, b) => a.alias.localeCompare(b.alias))) {
    map.set(version, [...(map.get(version) ?? []), alias]);
  }
  return map;
}

export const versionOf = (aliases: readonly ModelAlias[], alias: string): number | null => aliases.find((a) => a.alias === alias)?.version ?? null;

export type PromotePlan =
  | { ok: true; from: number | null; to: number; clearChallenger: boolean }
  | { ok: false; reason: string };

/**
 * What "promote challenger to champion" will do to these aliases, for the confirmation dialog: point
 * champion at the challenger's version (unless it already is), then remove challenger if asked. The
 * server does it in one transaction (promoteModelAlias) and refuses if challenger moved meanwhile.
 */
export function planPromotion(aliases: readonly ModelAlias[], clearChallenger: boolean): PromotePlan {
  const to = versionOf(aliases, CHALLENGER);
  if (to === null) return { ok: false, reason: `There is no ${CHALLENGER} alias to promote: assign one first.` };
  return { ok: true, from: versionOf(aliases, CHAMPION), to, clearChallenger };
}

/** One sentence per alias the plan touches, for the confirmation dialog. */
export function describePlan(plan: PromotePlan): string[] {
  if (!plan.ok) return [plan.reason];
  const lines = [
    plan.from === plan.to
      ? `${CHAMPION} already points at version ${plan.to} and stays there.`
      : plan.from === null
        ? `${CHAMPION} is set on version ${plan.to}.`
        : `${CHAMPION} moves from version ${plan.from} to version ${plan.to}.`,
  ];
  lines.push(plan.clearChallenger ? `${CHALLENGER} is removed.` : `${CHALLENGER} stays on version ${plan.to}.`);
  return lines;
}

const ACTION_WORDS: Record<AliasAction, string> = { SET: 'set', MOVED: 'moved', DELETED: 'removed' };

/** An alias history entry in words: "moved", "v1 → v2"; "—" where there was (or is) no version. */
export function describeAliasEvent(event: Pick<AliasEvent, 'action' | 'previousVersion' | 'newVersion'>): { action: string; change: string } {
  const v = (version: number | null) => (version === null ? '—' : `v${version}`);
  return { action: ACTION_WORDS[event.action], change: `${v(event.previousVersion)} → ${v(event.newVersion)}` };
}

export const STAGE_WORDS: Record<ModelStage, string> = { NONE: 'None', STAGING: 'Staging', PRODUCTION: 'Production', ARCHIVED: 'Archived' };

/**
 * searchRegisteredModels' filter for "name contains this", case-insensitively. Quotes are doubled
 * (the filter language's escape); % and _ stay wildcards, as there is no escape for them.
 */
export function nameFilter(search: string): string | null {
  const text = search.trim();
  if (!text) return null;
  return `name ILIKE '%${text.replaceAll("'", "''")}%'`;
}

/** The run id of a runs:/<run id>/<path> source, when it is one. */
export function runIdOfSource(source: string): string | null {
  const match = /^runs:\/([^/]+)(\/|$)/.exec(source);
  return match ? match[1]! : null;
}
