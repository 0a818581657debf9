import { describe, expect, it } from 'vitest';
import { aliasesByVersion, describeAliasEvent, describePlan, nameFilter, planPromotion, runIdOfSource } from './registry';

describe('registry', () => {
  it('groups aliases per version, sorted by name', () => {
    const map = aliasesByVersion([
      { alias: 'prod', version: 2 },
      { alias: 'champion', version: 2 },
      { alias: 'challenger', version: 3 },
    ]);
    expect(Object.fromEntries(map)).toEqual({ 2: ['champion', 'prod'], 3: ['challenger'] });
  });

  it('plans a promotion from the current aliases', () => {
    const aliases = [
      { alias: 'champion', version: 1 },
      { alias: 'challenger', version: 2 },
    ];
    expect(planPromotion(aliases, true)).toEqual({
      ok: true,
      from: 1,
      to: 2,
      clearChallenger: true,
    });
    expect(planPromotion(aliases, false)).toMatchObject({ to: 2, clearChallenger: false });
    // No champion yet: it is created.
    expect(planPromotion([{ alias: 'challenger', version: 4 }], false)).toMatchObject({ from: null, to: 4 });
    // Champion already there: it stays, only the clearing remains.
    const same = planPromotion([{ alias: 'champion', version: 2 }, { alias: 'challenger', version: 2 }], true);
    expect(describePlan(same)).toEqual(['champion already points at version 2 and stays there.', 'challenger is removed.']);
  });

  it('refuses to promote without a challenger', () => {
    const plan = planPromotion([{ alias: 'champion', version: 1 }], true);
    expect(plan).toEqual({ ok: false, reason: 'There is no challenger alias to promote: assign one first.' });
    expect(describePlan(plan)).toEqual([plan.ok ? '' : plan.reason]);
  });

  it('describes the plan in words', () => {
    expect(describePlan(planPromotion([{ alias: 'champion', version: 1 }, { alias: 'challenger', version: 2 }], true))).toEqual([
      'champion moves from version 1 to version 2.',
      'challenger is removed.',
    ]);
    expect(describePlan(planPromotion([{ alias: 'challenger', version: 2 }], false))).toEqual(['champion is set on version 2.', 'challenger stays on version 2.']);
  });

  it('writes alias history entries as actions and version changes', () => {
    expect(describeAliasEvent({ action: 'SET', previousVersion: null, newVersion: 1 })).toEqual({ action: 'set', change: '— → v1' });
    expect(describeAliasEvent({ action: 'MOVED', previousVersion: 1, newVersion: 2 })).toEqual({ action: 'moved', change: 'v1 → v2' });
    expect(describeAliasEvent({ action: 'DELETED', previousVersion: 2, newVersion: null })).toEqual({ action: 'removed', change: 'v2 → —' });
  });

  it('searches model names case-insensitively, quotes escaped', () => {
    expect(nameFilter('  ')).toBeNull();
    expect(nameFilter('bert')).toBe("name ILIKE '%bert%'");
    expect(nameFilter("o'brien")).toBe("name ILIKE '%o''brien%'");
  });

  it('finds the run of a runs:/ source', () => {
    expect(runIdOfSource('runs:/abc123/model')).toBe('abc123');
    expect(runIdOfSource('runs:/abc123')).toBe('abc123');
    expect(runIdOfSource('s3://bucket/model')).toBeNull();
  });
});
