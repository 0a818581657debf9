import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** The static export the server serves; what the browser tests and the browser bench open. */
export const WEB_DIR = fileURLToPath(new URL('../../apps/web/out', import.meta.url));

/**
 * Builds the dashboard as `npm start` does: through turbo, whose cache makes this instant when
 * nothing in apps/web changed since the last build.
 */
export function buildDashboard(): void {
  const result = spawnSync('npx', ['turbo', 'run', 'build', '--filter=@contrail/web', '--output-logs=errors-only'], {
    cwd: root,
    env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1', NEXT_TELEMETRY_DISABLED: '1' },
    encoding: 'utf8',
    timeout: 300_000,
  });
  if (result.status !== 0) throw new Error(`building the dashboard failed:\n${result.stdout}\n${result.stderr}`);
}

/** vitest globalSetup of the browser project: only runs when browser tests do. */
export default function setup(): void {
  buildDashboard();
}
