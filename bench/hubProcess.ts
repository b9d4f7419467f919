import path from 'node:path';
import { ChildServer } from './childServer';
import type { HubStart } from './hubChild';
import type { ServingProcess } from './measure';

/**
 * The parent's handle on a hub the benchmark times (bench/hubChild.ts, a child process): its
 * URL, its CPU and memory from /proc, and `restart()`, which kills it (and with it any
 * request still running, which a naive request may do for minutes) and starts a fresh one.
 * Each operation and shape gets a fresh process, so the peak RSS it reports is its own, not
 * the high-water mark of whatever ran before it.
 */
export class HubProcess implements ServingProcess {
  private current: ChildServer | null = null;

  constructor(
    private readonly name: string,
    private readonly options: HubStart,
  ) {}

  async start(): Promise<void> {
    this.current ??= await ChildServer.start(path.join(__dirname, 'hubChild.ts'), this.name, this.options);
  }

  get url(): string {
    if (!this.current) throw new Error(`the ${this.name} is not running`);
    return this.current.url;
  }

  cpuMs(): number {
    return this.current?.cpuMs() ?? 0;
  }

  rssBytes(): number {
    return this.current?.rssBytes() ?? 0;
  }

  /** Stops whatever it is still doing, and starts a fresh one. */
  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  async stop(): Promise<void> {
    await this.current?.kill();
    this.current = null;
  }
}
