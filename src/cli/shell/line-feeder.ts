import { createInterface } from 'node:readline';
import { PassThrough } from 'node:stream';
import type { REPLServer } from 'node:repl';

/**
 * Feeds a script of lines (piped stdin) to a REPL one at a time, the next
 * only when the REPL shows its prompt again. Node's REPL would otherwise
 * evaluate every line it has read at once, so a line after `await ...` ran
 * before the awaited value existed. `input` is the REPL's input stream;
 * call `attach` once the REPL has started.
 */
export class LineFeeder {
  readonly input = new PassThrough();
  private readonly queue: string[] = [];
  private sourceEnded = false;
  private ready = false;

  constructor(source: NodeJS.ReadableStream) {
    const lines = createInterface({ input: source, crlfDelay: Infinity });
    lines.on('line', (line) => {
      this.queue.push(line);
      this.pump();
    });
    lines.on('close', () => {
      this.sourceEnded = true;
      this.pump();
    });
  }

  attach(server: REPLServer): void {
    const display = server.displayPrompt.bind(server);
    server.displayPrompt = (preserveCursor?: boolean) => {
      display(preserveCursor);
      this.ready = true;
      this.pump();
    };
    server.on('exit', () => {
      this.queue.length = 0;
      this.ready = false;
    });
    this.ready = true; // it showed its first prompt while starting
    this.pump();
  }

  private pump(): void {
    if (!this.ready) return;
    const line = this.queue.shift();
    if (line !== undefined) {
      this.ready = false;
      this.input.write(line + '\n');
    } else if (this.sourceEnded) {
      this.ready = false;
      this.input.end();
    }
  }
}
