import { ConfigError, loadConfig } from './config/config';
import { createLogger } from './observability/logger';
import { startHub } from './runtime';
import { limitHeapGrowth } from './server/heapGrowth';
import { startTracing } from './observability/otlp';

/** `npm start`: the hub on the embedded PostgreSQL (or the configured databases). */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  limitHeapGrowth(config.heapGrowingPercent);
  const logger = createLogger(config.logLevel);
  const stopTracing = config.tracing ? startTracing() : async () => undefined;
  const hub = await startHub(config, logger);
  logger.info({ url: hub.url }, 'integrated care hub ready');
  process.stdout.write(`\nIntegrated care hub: GraphQL at ${hub.url}\n\n`);

  let stopping = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    hub.stop().then(stopTracing).then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  process.stderr.write(`The hub failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
