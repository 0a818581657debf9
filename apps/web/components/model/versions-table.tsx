'use client';
import Link from 'next/link';
import { AliasBadge } from '@/components/shell/alias-badge';
import { formatDateTime } from '@/lib/format';
import { aliasesByVersion, runIdOfSource, STAGE_WORDS } from '@/lib/registry';
import type { ModelAlias, ModelVersionRow } from '@/lib/types';

/** Versions, newest first, with the run each came from and the aliases pointing at it. */
export function VersionsTable({ versions, aliases }: { versions: ModelVersionRow[]; aliases: ModelAlias[] }) {
  const byVersion = aliasesByVersion(aliases);
  return (
    <div className="table-scroll">
      <table className="grid" data-testid="versions-table">
        <thead>
          <tr>
            <th className="num">Version</th>
            <th>Created</th>
            <th>Source run</th>
            <th>Stage</th>
            <th>Aliases</th>
          </tr>
        </thead>
        <tbody>
          {versions.map((v) => (
            <tr key={v.version} data-testid="version-row" data-version={v.version}>
              <td className="num">v{v.version}</td>
              <td className="nowrap">{formatDateTime(v.creationTime)}</td>
              <td>
                <SourceRun version={v} />
              </td>
              <td className={v.currentStage === 'NONE' ? 'muted' : undefined}>{STAGE_WORDS[v.currentStage]}</td>
              <td>
                <span className="badges" data-testid="version-aliases">
                  {(byVersion.get(v.version) ?? []).map((alias) => (
                    <AliasBadge key={alias} alias={alias} />
                  ))}
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function SourceRun({ version }: { version: ModelVersionRow }) {
  const runId = version.runId ?? runIdOfSource(version.source);
  return (
    <>
      {version.run ? (
        <Link href={`/run?id=${version.run.id}`} data-testid="source-run">
          {version.run.name}
        </Link>
      ) : runId ? (
        <span className="muted">run {runId} (no longer exists)</span>
      ) : (
        <span className="muted">not from a run</span>
      )}
      <div className="mono muted small source">{version.source}</div>
    </>
  );
}
