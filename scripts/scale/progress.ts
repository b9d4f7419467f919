import cliProgress from 'cli-progress';
import type { GenerateSummary, ProgressEvent } from './load';

/**
 * Progress for the generator: a bar on a terminal; elsewhere (CI, pipes, logs) nothing
 * until the one summary line at the end.
 */

export interface ProgressReporter {
  onProgress(event: ProgressEvent): void;
  finish(summary: GenerateSummary): void;
  fail(): void;
}

export function summaryLine(summary: GenerateSummary): string {
  const seconds = (summary.elapsedMs / 1000).toFixed(1);
  const biggest = Object.entries(summary.rows)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 4)
    .map(([table, n]) => `${table} ${n}`)
    .join(', ');
  return (
    `scale dataset: ${summary.localities} localities, seed ${summary.seed}: ${summary.totalRows} rows copied ` +
    `(${biggest}, …), ${summary.explicitLinks} explicit + ${summary.implicitLinks} implicit crosswalk links, in ${seconds} s`
  );
}

export function createProgressReporter(stream: NodeJS.WriteStream = process.stderr): ProgressReporter {
  const bar = stream.isTTY
    ? new cliProgress.SingleBar(
        { stream, format: 'scale data {bar} {percentage}% | {value}/{total} rows | {step}', hideCursor: true },
        cliProgress.Presets.shades_classic,
      )
    : null;
  let started = false;
  return {
    onProgress: (event) => {
      if (!bar) return;
      if (!started) bar.start(event.rowsTotal, 0, { step: event.step });
      started = true;
      bar.update(event.rowsDone, { step: event.phase === 'copy' ? event.step : `${event.step}…` });
    },
    finish: (summary) => {
      bar?.stop();
      process.stdout.write(`${summaryLine(summary)}\n`);
    },
    fail: () => bar?.stop(),
  };
}
