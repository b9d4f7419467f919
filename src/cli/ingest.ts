import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { SingleBar } from 'cli-progress';
import { ConfigError, loadConfig } from '../config/config';
import { poolOf, type Databases } from '../db/databases';
import { IngestMergeError, IngestRejectedError, ingestExtract, recordInterrupted, type IngestResult } from '../ingestion/ingest';
import { resolveTableSpec } from '../ingestion/sourceTables';
import { ExtractError } from '../ingestion/readExtract';
import { createLogger } from '../observability/logger';
import { openConfiguredDatabases } from '../runtime';

const USAGE = `Usage: npm run ingest -- --source <source id> --table <table> [options] <file.csv>

Loads a partner extract into that partner's source database, in one transaction.
The source is one the hub is configured with (SOURCES_FILE; without one, the demo's, or hub, ccg, council and trust where their *_DATABASE_URL variables are set: listed below).

Options:
  --skip-invalid      load the good rows; write every rejected row to the rejects file
  --full              the extract is the whole table: mark rows missing from it withdrawn
  --rejects <path>    where rejected rows go (default: <file>.rejects.csv)
  --by <name>         who is loading, for the run record (default: your user name)
  --help              this text`;

class UsageError extends Error {}

/** The sources this hub is configured with (what --source takes), read from the configuration, not listed by hand. */
function configuredSources(): string {
  try {
    const sources = loadConfig().sources;
    return `Configured sources (${sources.length}):\n${sources.map((s) => `  ${s.id.padEnd(36)} ${s.kind}`).join('\n')}`;
  } catch (error) {
    return `The configured sources cannot be listed: ${error instanceof Error ? error.message : String(error)}`;
  }
}

function readArguments() {
  const { values, positionals } = parseArgs({
    options: {
      source: { type: 'string' },
      table: { type: 'string' },
      'skip-invalid': { type: 'boolean', default: false },
      full: { type: 'boolean', default: false },
      rejects: { type: 'string' },
      by: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
    allowPositionals: true,
  });
  if (values.help) return null;
  if (!values.source || !values.table) throw new UsageError('--source and --table are required.');
  if (positionals.length !== 1) throw new UsageError(`Give exactly one extract file; got ${positionals.length}.`);
  const file = positionals[0]!;
  if (!existsSync(file)) throw new UsageError(`No such file: ${file}`);
  return { ...values, source: values.source, table: values.table, file };
}

function summary(result: IngestResult, seconds: number): string {
  const rate = Math.round(result.rowsRead / Math.max(seconds, 0.001));
  return (
    `${result.source}.${result.table}: ${result.rowsRead} rows read, ${result.inserted} inserted, ${result.updated} updated, ` +
    `${result.unchanged} unchanged, ${result.withdrawn} withdrawn, ${result.rejected} rejected ` +
    `in ${seconds.toFixed(1)} s (${rate} rows/s); run ${result.runId}` +
    (result.rejectsFile ? `; rejected rows in ${result.rejectsFile}` : '')
  );
}

async function main(): Promise<number> {
  let args;
  let config;
  try {
    args = readArguments();
    config = args ? loadConfig() : null;
    if (args && config) resolveTableSpec(config.sources, args.source, args.table);
  } catch (error) {
    if (error instanceof UsageError || error instanceof ExtractError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`${(error as Error).message}\n\n${USAGE}\n`);
      return 2;
    }
    throw error;
  }
  if (!args || !config) {
    process.stdout.write(`${USAGE}\n\n${configuredSources()}\n`);
    return 0;
  }
  const logger = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel);
  const opened = await openConfiguredDatabases(config, logger);
  const bar = process.stderr.isTTY
    ? new SingleBar({ format: ' {bar} {percentage}% | {rows} rows | {rate} rows/s', hideCursor: true })
    : null;
  const started = Date.now();
  bar?.start(1, 0, { rows: 0, rate: 0 });
  const stopOnSignal = recordInterruption(opened.databases);
  try {
    const result = await ingestExtract(opened.databases, {
      source: args.source,
      table: args.table,
      file: args.file,
      skipInvalid: args['skip-invalid'],
      full: args.full,
      rejectsFile: args.rejects,
      runBy: args.by,
      onRunStarted: stopOnSignal.runStarted,
      onProgress: ({ bytesRead, totalBytes, rowsRead }) => {
        if (!bar) return;
        bar.setTotal(totalBytes || 1);
        bar.update(bytesRead, { rows: rowsRead, rate: Math.round(rowsRead / Math.max((Date.now() - started) / 1000, 0.001)) });
      },
    });
    bar?.stop();
    process.stdout.write(`${summary(result, (Date.now() - started) / 1000)}\n`);
    return 0;
  } catch (error) {
    bar?.stop();
    if (error instanceof IngestRejectedError || error instanceof IngestMergeError) {
      process.stderr.write(`${error.message}\n`);
      return 1;
    }
    if (error instanceof ExtractError) {
      process.stderr.write(`Nothing was loaded. ${error.message}\n`);
      return 1;
    }
    throw error;
  } finally {
    stopOnSignal.remove();
    await opened.close();
  }
}

/**
 * Told to stop (Ctrl-C, SIGTERM from a scheduler), the process records its run as failed
 * before it exits; its open transactions roll back as its connections close.
 */
function recordInterruption(databases: Databases): { runStarted: (runId: string) => void; remove: () => void } {
  let runId: string | null = null;
  const onSignal = (signal: NodeJS.Signals) => {
    process.stderr.write(`\n${signal}: stopping; nothing of this load is committed.\n`);
    const exit = () => process.exit(signal === 'SIGINT' ? 130 : 143);
    if (!runId) return exit();
    recordInterrupted(poolOf(databases.hub), runId, signal).then(exit, (error: unknown) => {
      process.stderr.write(`The run record could not be updated: ${error instanceof Error ? error.message : String(error)}\n`);
      exit();
    });
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  return {
    runStarted: (id) => {
      runId = id;
    },
    remove: () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    const message = error instanceof ConfigError || error instanceof Error ? error.message : String(error);
    process.stderr.write(`ingest failed: ${message}\n`);
    process.exit(1);
  },
);
