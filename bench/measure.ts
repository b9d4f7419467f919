import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * What the benchmark measures besides the load generator's numbers: the serving process's
 * CPU time and peak RSS (the hub runs in this process; the floor, PostGraphile and the naive
 * hub in their own, read from /proc), and,
 * when the databases are on the embedded PostgreSQL, the CPU time of its processes.
 */

export const cpuMs = (): number => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
};

/** The process serving a run: this one (the hub), or a child process (the floor, the naive hub, PostGraphile). */
export interface ServingProcess {
  /** Cumulative CPU milliseconds (user + system). */
  cpuMs(): number;
  /** Resident set size in bytes, now. */
  rssBytes(): number;
}

export const THIS_PROCESS: ServingProcess = { cpuMs, rssBytes: () => process.memoryUsage.rss() };

/**
 * Waits until the serving process is idle (under 5% of a core for two samples of 250 ms),
 * e.g. while it finishes requests the load generator abandoned when its run stopped.
 * Returns the milliseconds waited (at most `limitMs`).
 */
export async function waitForIdle(limitMs = 180_000, serving: ServingProcess = THIS_PROCESS): Promise<number> {
  const started = Date.now();
  let quiet = 0;
  while (quiet < 2 && Date.now() - started < limitMs) {
    const before = serving.cpuMs();
    await new Promise((resolve) => setTimeout(resolve, 250));
    quiet = serving.cpuMs() - before < 12.5 ? quiet + 1 : 0;
  }
  return Date.now() - started;
}

/** Peak resident set size of the serving process between start() and stop(), sampled every 50 ms. */
export class RssSampler {
  private peak = 0;
  private timer: NodeJS.Timeout | undefined;
  /** RSS when sampling started, in MB: memory the process kept from earlier runs. */
  startMb = 0;

  constructor(private readonly serving: ServingProcess = THIS_PROCESS) {}

  start(): void {
    this.peak = this.serving.rssBytes();
    this.startMb = this.peak / (1024 * 1024);
    this.timer = setInterval(() => {
      this.peak = Math.max(this.peak, this.serving.rssBytes());
    }, 50);
  }

  stop(): number {
    clearInterval(this.timer);
    return Math.max(this.peak, this.serving.rssBytes()) / (1024 * 1024);
  }
}

function clockTicks(): number {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
}

const TICKS = process.platform === 'linux' ? clockTicks() : 100;

/** Fields of /proc/<pid>/stat after the command name: [state, ppid, …, utime at 11, stime 12, cutime 13, cstime 14]. */
function statFields(pid: number): string[] | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return text.slice(text.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null;
  }
}

/**
 * CPU time of the embedded PostgreSQL: the postmaster (with its reaped children) plus its
 * live children (the backends serving the pools). Linux only; null elsewhere.
 */
export class PostgresCpu {
  private readonly ticks = TICKS;

  private constructor(private readonly postmaster: number) {}

  static forDataDir(dataDir: string | null): PostgresCpu | null {
    if (!dataDir || process.platform !== 'linux') return null;
    try {
      const pid = Number(readFileSync(path.join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0]);
      return Number.isInteger(pid) && statFields(pid) ? new PostgresCpu(pid) : null;
    } catch {
      return null;
    }
  }

  /** Cumulative CPU milliseconds so far. */
  sample(): number {
    let ticks = 0;
    const own = statFields(this.postmaster);
    if (own) ticks += Number(own[11]) + Number(own[12]) + Number(own[13]) + Number(own[14]);
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      const fields = statFields(Number(entry));
      if (fields && Number(fields[1]) === this.postmaster) ticks += Number(fields[11]) + Number(fields[12]);
    }
    return (ticks * 1000) / this.ticks;
  }
}

/** Busy CPU milliseconds of the whole machine so far (all cores, from /proc/stat); null off Linux. */
export function machineBusyMs(): number | null {
  try {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
    const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = fields;
    return ((user + nice + system + irq + softirq + steal) * 1000) / TICKS;
  } catch {
    return null;
  }
}

/** CPU milliseconds of one process so far (user + system), or null if it cannot be read. */
export function processCpuMs(pid: number | undefined): number | null {
  const fields = pid === undefined ? null : statFields(pid);
  return fields ? ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS : null;
}

/** Resident set size of one process in bytes (`VmRSS` in /proc/<pid>/status), or 0 if it cannot be read. */
export function processRssBytes(pid: number | undefined): number {
  try {
    const kb = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Number(kb) * 1024 : 0;
  } catch {
    return 0;
  }
}
