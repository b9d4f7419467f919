import { createLogger } from '../../src/observability/logger';
import { integerOption, parseCliArgs, runCli, UsageError } from './cli';
import { DEFAULT_POSTCODES_PER_WARD } from './dataset';
import { DEFAULT_SCALE_DATA_DIR, DEFAULT_SCALE_PG_PORT, openScaleDatabases } from './databases';
import { generateScaleDataset } from './load';
import type { HubPattern } from './locality';
import { createProgressReporter } from './progress';

/**
 * `npx tsx scripts/scale/generate.ts --localities 1250 --seed 1`
 *
 * Fills the four scale databases with a deterministic synthetic dataset (see
 * docs/benchmarks.md). Uses the hub's `*_DATABASE_URL` variables where set, otherwise an
 * embedded PostgreSQL in `.data-scale` with databases scale_hub, scale_ccg, scale_council
 * and scale_trust. Every table is truncated first, so a rerun replaces the dataset.
 */

export { generateScaleDataset } from './load';
export type { GenerateOptions, GenerateSummary, ProgressEvent } from './load';

const USAGE = `Usage: npx tsx scripts/scale/generate.ts --localities <n> [options]

  --localities <n>           localities to generate (1-10000; 1250 is England-like full size)
  --seed <n>                 random seed; the same seed gives the same rows (default 1)
  --postcodes-per-ward <n>   mean postcodes per ward in the lookup (default ${DEFAULT_POSTCODES_PER_WARD})
  --hub-pattern <p>          cycle: 1-2 hubs per locality in a fixed cycle of shapes (default);
                             both: a community hub and a GP hub in every locality
  --data-dir <dir>           embedded PostgreSQL data folder (default ${DEFAULT_SCALE_DATA_DIR})
  --pg-port <port>           embedded PostgreSQL port (default ${DEFAULT_SCALE_PG_PORT})
  --force                    truncate even if the databases hold rows that are not synthetic
  --help                     show this text

Databases: HUB_DATABASE_URL, CCG_DATABASE_URL, COUNCIL_DATABASE_URL, TRUST_DATABASE_URL
where set; the others are created on the embedded PostgreSQL.`;

const OPTIONS = {
  localities: { type: 'string' },
  seed: { type: 'string', default: '1' },
  'postcodes-per-ward': { type: 'string', default: String(DEFAULT_POSTCODES_PER_WARD) },
  'hub-pattern': { type: 'string', default: 'cycle' },
  'data-dir': { type: 'string', default: DEFAULT_SCALE_DATA_DIR },
  'pg-port': { type: 'string', default: String(DEFAULT_SCALE_PG_PORT) },
  force: { type: 'boolean', default: false },
  help: { type: 'boolean', default: false },
} as const;

function hubPatternOption(value: string | undefined): HubPattern {
  if (value === 'cycle' || value === 'both') return value;
  throw new UsageError(`--hub-pattern must be "cycle" or "both"; got "${value}".`);
}

async function main(): Promise<void> {
  const args = parseCliArgs(process.argv.slice(2), OPTIONS);
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const options = {
    localities: integerOption('localities', args.localities, { min: 1, max: 10_000 }),
    seed: integerOption('seed', args.seed, { min: 0, max: 2 ** 31 - 1 }),
    postcodesPerWard: integerOption('postcodes-per-ward', args['postcodes-per-ward'], { min: 1, max: 3000 }),
    hubPattern: hubPatternOption(args['hub-pattern']),
    force: args.force,
  };
  const port = integerOption('pg-port', args['pg-port'], { min: 1024, max: 65535 });
  const logger = createLogger('warn');
  const scale = await openScaleDatabases({ dataDir: args['data-dir'], port, poolMax: 4, statementTimeoutMs: 0, logger });
  const progress = createProgressReporter();
  try {
    const summary = await generateScaleDataset(scale.databases, { ...options, onProgress: progress.onProgress });
    progress.finish(summary);
  } catch (error) {
    progress.fail();
    throw error;
  } finally {
    await scale.close();
  }
}

if (require.main === module) runCli(main, USAGE);
