/** A scripted `gmcp.mudstandards.org` WebSocket client for the server tests. */
import WebSocket from 'ws';

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;

export class WsTestClient {
  readonly gmcp: Array<{ package: string; data: unknown }> = [];
  /** Binary frames, decoded. */
  readonly frames: string[] = [];
  closed: { code: number; reason: string } | undefined;
  private text = '';
  private readonly decoder = new TextDecoder('utf-8');

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data: Buffer, isBinary: boolean) => {
      if (isBinary) {
        const chunk = this.decoder.decode(data, { stream: true });
        this.frames.push(chunk);
        this.text += chunk;
        return;
      }
      const raw = data.toString('utf8');
      const space = raw.indexOf(' ');
      this.gmcp.push(space < 0 ? { package: raw, data: undefined } : { package: raw.slice(0, space), data: JSON.parse(raw.slice(space + 1)) });
    });
    ws.on('close', (code, reason) => (this.closed = { code, reason: reason.toString() }));
    ws.on('error', () => {});
  }

  static connect(url: string, protocols: string[] = ['gmcp.mudstandards.org']): Promise<WsTestClient> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url, protocols);
      const client = new WsTestClient(ws);
      ws.once('open', () => resolve(client));
      ws.once('error', reject);
    });
  }

  get output(): string {
    return this.text.replace(ANSI, '');
  }

  get rawText(): string {
    return this.text;
  }

  mark(): number {
    return this.text.length;
  }

  line(text: string): void {
    this.ws.send(Buffer.from(text + '\r\n', 'utf8'), { binary: true });
  }

  sendGmcp(pkg: string, data?: unknown): void {
    this.ws.send(data === undefined ? pkg : `${pkg} ${JSON.stringify(data)}`, { binary: false });
  }

  async waitFor(what: string, from = 0, ms = 5000): Promise<string> {
    const start = Date.now();
    while (!this.text.slice(from).replace(ANSI, '').includes(what)) {
      if (Date.now() - start > ms || this.closed) throw new Error(`waiting for ${what}: got ${JSON.stringify(this.output.slice(from).slice(-300))}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    return this.text.slice(from).replace(ANSI, '');
  }

  async waitForGmcp(pkg: string, from = 0, ms = 5000): Promise<{ package: string; data: unknown }> {
    const start = Date.now();
    for (;;) {
      const found = this.gmcp.slice(from).find((m) => m.package === pkg);
      if (found) return found;
      if (Date.now() - start > ms) throw new Error(`waiting for GMCP ${pkg}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  close(): void {
    this.ws.terminate();
  }
}
