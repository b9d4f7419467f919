import { ConfigError, loadConfig, type HubConfig } from './config/config';
import { createLogger } from './observability/logger';
import { startHub } from './runtime';
import { limitHeapGrowth } from './server/heapGrowth';
import { startTracing } from './observability/otlp';

/** What a person needs after `npm start`: where the API, explorer and dashboard are, and how to get a demo key. */
function startBanner(config: HubConfig, url: string): string {
  const lines = [`Integrated care hub: GraphQL at ${url}`];
  if (config.explorer) lines.push(`  explorer:  open ${url} in a browser`);
  lines.push(`  dashboard: ${url.replace(/\/graphql$/, '/')}`);
  if (config.loadDemoData && config.env !== 'production') {
    lines.push(
      '  partner-only examples (budgets, data quality) need a demo key; in another terminal:',
      `    ${config.embeddedPort === 54329 ? '' : `EMBEDDED_PG_PORT=${config.embeddedPort} `}npm run keys -- issue --org thurrock-council --role ANALYST --label demo`,
      '  and send it as the x-api-key header (README, "Demo keys").',
    );
  }
  return `\n${lines.join('\n')}\n\n`;
}

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
  // Readable lines for a person running `npm start`; JSON wherever logs are shipped (production, tests).
  const logger = createLogger(config.logLevel, config.env === 'development');
  const stopTracing = config.tracing ? startTracing() : async () => undefined;
  const hub = await startHub(config, logger);
  logger.info({ url: hub.url }, 'integrated care hub ready');
  process.stdout.write(startBanner(config, hub.url));

  let stopping = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    hub
      .stop()
      .then(stopTracing)
      .then(
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
