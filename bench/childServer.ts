import { fork, type ChildProcess, type ForkOptions } from 'node:child_process';
import { processCpuMs, processRssBytes, type ServingProcess } from './measure';

/**
 * A benchmark server in a child process of its own (the naive hub, the SQL floor,
 * PostGraphile): its CPU
 * and memory are then its own, read from /proc, and never mixed with the hub's, which
 * serves from the benchmark's process. The child's script answers one start message with
 * `{ ok: true, url }` (see `serveChild`) and exits when the benchmark disconnects.
 */

type Reply = { ok: true; url: string } | { ok: false; error: string };

export class ChildServer implements ServingProcess {
  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
  ) {}

  static async start(script: string, name: string, message: object, options: ForkOptions = {}): Promise<ChildServer> {
    const child = fork(script, [], { ...options, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const url = await new Promise<string>((resolve, reject) => {
      child.once('message', (reply: Reply) =>
        reply.ok ? resolve(reply.url) : reject(new Error(`${name} failed to start: ${reply.error}`)),
      );
      child.once('exit', (code) => reject(new Error(`${name} exited with code ${code} before it was ready`)));
      child.send(message);
    });
    return new ChildServer(child, url);
  }

  /** Sends `request` and resolves with the child's next message. */
  ask<T>(request: unknown): Promise<T> {
    return new Promise((resolve) => {
      this.child.once('message', (reply: T) => resolve(reply));
      this.child.send(request as string);
    });
  }

  cpuMs(): number {
    return processCpuMs(this.child.pid) ?? 0;
  }

  rssBytes(): number {
    return processRssBytes(this.child.pid);
  }

  /** Stops it (by default at once, with whatever it is still doing). */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.kill(signal);
    await exited;
  }
}

/** The child's side: starts its server from the start message and replies with its URL. */
export function serveChild<M>(start: (message: M) => Promise<string>): void {
  // Never outlive the benchmark, even one that crashed without stopping this process.
  process.once('disconnect', () => process.exit(0));
  process.once('message', (message: M) => {
    start(message).then(
      (url) => process.send!({ ok: true, url }),
      (error: unknown) => process.send!({ ok: false, error: String(error) }),
    );
  });
}
