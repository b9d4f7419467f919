import { ConfigError, loadConfig } from '../config/config';
import { createLogger } from '../observability/logger';
import { DEMO_DATA_DIR, loadExtractsIfEmpty, openConfiguredDatabases } from '../runtime';

/**
 * `npm run demo:load`: migrates the configured databases and loads the demo data into any
 * that is empty, then exits. A deployment of several replicas runs this once, before them,
 * with the replicas at LOAD_DEMO_DATA=false (docker/compose.yml's `demo` service), so no two
 * processes ever load the same extract at once.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const opened = await openConfiguredDatabases(config, logger);
  try {
    await loadExtractsIfEmpty(opened.databases, DEMO_DATA_DIR, logger);
  } finally {
    await opened.close();
  }
  logger.info('demo data loaded');
}

main().catch((error: unknown) => {
  process.stderr.write(`Loading the demo data failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(error instanceof ConfigError ? 2 : 1);
});
