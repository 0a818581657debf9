import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// One vitest run for the whole repository: unit tests beside the code, cross-package tests here.
const require = createRequire(import.meta.url);

export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  resolve: {
    // graphql ships CommonJS and ESM copies; Pothos and yoga load the CommonJS one, so our code must
    // too, or GraphQL's instanceof checks fail across the two ("another module or realm").
    alias: { graphql: path.dirname(require.resolve('graphql/package.json')) + '/index.js' },
  },
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    globalSetup: ['test/support/global-setup.ts'],
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          include: [
            'packages/*/src/**/*.test.ts',
            'packages/*/scripts/**/*.test.ts',
            'apps/server/src/**/*.test.ts',
            // The dashboard's pure modules (chart data handling); its components are covered by test/browser.
            'apps/web/lib/**/*.test.ts',
            'test/**/*.test.ts',
          ],
          exclude: ['**/node_modules/**', 'test/browser/**'],
        },
      },
      {
        extends: true,
        // A project of its own so that the dashboard is built only when browser tests run.
        test: { name: 'browser', include: ['test/browser/**/*.test.ts'], globalSetup: ['test/support/web-build.ts'] },
      },
    ],
  },
});
