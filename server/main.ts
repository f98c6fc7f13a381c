/**
 * Entry point: `npm start` (after the client build). Reads the configuration, opens the store,
 * prints the one-time setup link when there is no account yet, and shuts down cleanly on
 * SIGTERM/SIGINT (documents stored and compacted, connections closed).
 */
import { createServer } from './app';
import { bootstrapAccounts } from './auth/bootstrap';
import { ConfigError, loadConfig } from './config';
import { openStore } from './store';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
  const store = await openStore(config);
  const server = await createServer(config, store);
  const { setupUrl } = await bootstrapAccounts(store, config, server.app.log);
  const port = await server.listen();
  const shownHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  console.log(`Werkraum is running at ${config.publicUrl ?? `http://${shownHost}:${port}`} (data in ${config.databaseUrl ? 'PostgreSQL' : config.dataDir})`);
  if (setupUrl) {
    console.log(`\nNo account exists yet. Open this one-time link to create the first moderator account:\n\n  ${setupUrl}\n`);
  }

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    server.app.log.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      console.error('Shutdown took longer than 10 s; exiting.');
      process.exit(1);
    }, 10_000);
    force.unref();
    server.close().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error('Shutdown failed', err);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((err: unknown) => {
  console.error('Werkraum failed to start:', err);
  process.exit(1);
});
