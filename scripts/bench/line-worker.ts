/** A child process spoken to in JSON lines: one request, one answer, in order. */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

export class LineWorker {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly waiting: ((line: string) => void)[] = [];
  private stderr = '';
  private exited: string | undefined;

  /** Starts `command args` with `env` added to the environment. */
  constructor(command: string, args: string[], env: Record<string, string> = {}) {
    this.child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    createInterface({ input: this.child.stdout }).on('line', (line) => this.waiting.shift()?.(line));
    this.child.stderr.on('data', (chunk: Buffer) => {
      this.stderr = (this.stderr + chunk.toString()).slice(-2000);
    });
    this.child.on('exit', (code, signal) => {
      this.exited = `${command} exited (${signal ?? code}): ${this.stderr.trim().split('\n').slice(-3).join(' ')}`;
      for (const resolve of this.waiting.splice(0)) resolve(JSON.stringify({ error: this.exited }));
    });
    this.child.on('error', (error) => {
      this.exited = `${command}: ${error.message}`;
    });
  }

  /** Sends `request` and resolves with the parsed answer line. */
  request<T>(request: unknown): Promise<T> {
    if (this.exited) return Promise.resolve({ error: this.exited } as T);
    return new Promise((resolve) => {
      this.waiting.push((line) => resolve(JSON.parse(line) as T));
      this.child.stdin.write(`${JSON.stringify(request)}\n`);
    });
  }

  /** Closes stdin and waits for the child to exit. */
  async close(): Promise<void> {
    if (this.exited) return;
    const done = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.stdin.end();
    await done;
  }
}
