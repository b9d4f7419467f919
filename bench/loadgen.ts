import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { DriveRequest, DriveResult } from './driver';

/** The parent's handle on the load-generator child process (bench/driver.ts), one run at a time. */

type Reply = { ready: true } | { ok: true; result: DriveResult } | { ok: false; error: string };

export class LoadGenerator {
  private constructor(private readonly child: ChildProcess) {}

  /** Forks the driver with this process's loader flags (tsx), and waits until it is ready. */
  static async start(): Promise<LoadGenerator> {
    const child = fork(path.join(__dirname, 'driver.ts'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    await new Promise<void>((resolve, reject) => {
      child.once('message', () => resolve());
      child.once('exit', (code) => reject(new Error(`load generator exited with code ${code} before it was ready`)));
    });
    return new LoadGenerator(child);
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  run(request: DriveRequest): Promise<DriveResult> {
    return new Promise((resolve, reject) => {
      const onExit = (code: number | null) => reject(new Error(`load generator exited with code ${code}`));
      this.child.once('exit', onExit);
      this.child.once('message', (reply: Reply) => {
        this.child.off('exit', onExit);
        if ('result' in reply) resolve(reply.result);
        else reject(new Error(`load generator failed: ${'error' in reply ? reply.error : 'unexpected reply'}`));
      });
      this.child.send(request);
    });
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.send('exit');
    await exited;
  }
}
