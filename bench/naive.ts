import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { processCpuMs, processRssBytes, type ServingProcess } from './measure';
import type { NaiveStart } from './naiveServer';

/**
 * The parent's handle on the naive hub (bench/naiveServer.ts, a child process): its URL,
 * its CPU and memory from /proc, and `restart()`, which kills it (and with it any request
 * still running, which a naive request may do for minutes) and starts a fresh one.
 */

type Reply = { ok: true; url: string } | { ok: false; error: string };

class NaiveProcess {
  constructor(
    readonly child: ChildProcess,
    readonly url: string,
  ) {}

  static async start(options: NaiveStart): Promise<NaiveProcess> {
    const child = fork(path.join(__dirname, 'naiveServer.ts'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const url = await new Promise<string>((resolve, reject) => {
      child.once('message', (reply: Reply) =>
        reply.ok ? resolve(reply.url) : reject(new Error(`naive hub failed to start: ${reply.error}`)),
      );
      child.once('exit', (code) => reject(new Error(`naive hub exited with code ${code} before it was ready`)));
      child.send(options);
    });
    return new NaiveProcess(child, url);
  }

  async kill(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.kill('SIGKILL');
    await exited;
  }
}

export class NaiveHub implements ServingProcess {
  private current: NaiveProcess | null = null;

  constructor(private readonly options: NaiveStart) {}

  async start(): Promise<void> {
    this.current ??= await NaiveProcess.start(this.options);
  }

  get url(): string {
    if (!this.current) throw new Error('the naive hub is not running');
    return this.current.url;
  }

  cpuMs(): number {
    return processCpuMs(this.current?.child.pid) ?? 0;
  }

  rssBytes(): number {
    return processRssBytes(this.current?.child.pid);
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
