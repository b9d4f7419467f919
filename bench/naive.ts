import path from 'node:path';
import { ChildServer } from './childServer';
import type { ServingProcess } from './measure';
import type { HubStart } from './hubChild';

/**
 * The parent's handle on the naive hub (bench/hubChild.ts with DataLoaders off, a child process): its URL,
 * its CPU and memory from /proc, and `restart()`, which kills it (and with it any request
 * still running, which a naive request may do for minutes) and starts a fresh one.
 */
export class NaiveHub implements ServingProcess {
  private current: ChildServer | null = null;

  constructor(private readonly options: Omit<HubStart, 'loaderMode'>) {}

  async start(): Promise<void> {
    this.current ??= await ChildServer.start(path.join(__dirname, 'hubChild.ts'), 'naive hub', { ...this.options, loaderMode: 'naive' });
  }

  get url(): string {
    if (!this.current) throw new Error('the naive hub is not running');
    return this.current.url;
  }

  cpuMs(): number {
    return this.current?.cpuMs() ?? 0;
  }

  rssBytes(): number {
    return this.current?.rssBytes() ?? 0;
  }

  /** Stops whatever the naive hub is still doing, and starts a fresh one. */
  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  async stop(): Promise<void> {
    await this.current?.kill();
    this.current = null;
  }
}
