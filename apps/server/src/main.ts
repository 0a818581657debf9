import { buildApp } from './app.js';
import { ConfigError, configFromEnv } from './config.js';
import { DatabaseConfigError, maskUrl, MigrationError } from '@contrail/db';

/** `npm start`: reads the environment, starts the server, stops gracefully on SIGINT/SIGTERM. */
async function main() {
  // npm runs workspace scripts inside the workspace; relative paths mean where the user ran npm.
  const config = configFromEnv(process.env, process.env.INIT_CWD ?? process.cwd());
  const app = buildApp(config);
  const running = await app.start();
  console.log(`Contrail is running at ${running.url}`);
  console.log(`  GraphQL API and GraphiQL: ${running.url}/graphql   (database: ${maskUrl(config.databaseUrl)})`);
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal} received: finishing in-flight requests, then stopping`);
    app.stop().then(
      () => process.exit(0),
      (error) => {
        console.error('shutdown failed:', error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  const expected = error instanceof ConfigError || error instanceof DatabaseConfigError || error instanceof MigrationError;
  const code = (error as { code?: string }).code;
  if (expected) console.error(`contrail: ${(error as Error).message}`);
  else if (code === 'EADDRINUSE') console.error(`contrail: the port is already in use; set PORT to another one`);
  else console.error('contrail: failed to start:', error);
  process.exit(1);
});
