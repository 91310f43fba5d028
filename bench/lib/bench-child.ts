/** A child process of a bench that answers typed messages over IPC, one at a time (the server, the gateway, a floor server). */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export class BenchChild {
  private readonly waiting: Array<(m: { type: string }) => void> = [];

  private constructor(readonly child: ChildProcess) {
    child.on('message', (m: { type: string }) => this.waiting.shift()?.(m));
  }

  /** Starts `script` and resolves with its first message (where it listens), or rejects if it exits first. */
  static async start<First>(script: URL, execArgv: string[], options: { env?: NodeJS.ProcessEnv; args?: string[] } = {}): Promise<{ proc: BenchChild; first: First }> {
    const child = fork(fileURLToPath(script), options.args ?? [], { execArgv, env: options.env ?? process.env, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const proc = new BenchChild(child);
    const exited = new Promise<never>((_, reject) => child.once('exit', (code) => reject(new Error(`${fileURLToPath(script)} exited (code ${code}) before it was ready`))));
    const first = (await Promise.race([proc.next(), exited])) as First;
    return { proc, first };
  }

  next(): Promise<{ type: string }> {
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  async request<T>(type: string): Promise<T> {
    const reply = this.next();
    this.child.send({ type });
    return (await reply) as T;
  }

  /** Asks it to stop, waits up to `graceMs`, then kills it. */
  async stop(graceMs = 15_000): Promise<void> {
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    if (this.child.connected) this.child.send({ type: 'stop' });
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, graceMs))]);
    this.child.kill('SIGKILL');
  }
}
