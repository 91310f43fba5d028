/**
 * A scripted telnet client for the server tests: a real TCP connection, the
 * engine's own parser to read what the server sends, answers to the
 * server's offers (accepting the options it is told to, refusing the rest),
 * MCCP2 inflation once the server starts compressing, and waits on text,
 * prompts, negotiations and GMCP.
 */
import net from 'node:net';
import zlib from 'node:zlib';
import { DO, DONT, EOR, GA, IAC, Opt, SB, SE, WILL, WONT, TelnetParser, decodeGmcp, type GmcpMessage } from '../../../src/engine/server/telnet';

export interface ClientOptions {
  /** Options the client agrees to when the server offers them (WILL x -> DO x, DO x -> WILL x). */
  accept?: number[];
  /** Answer to TTYPE SEND, e.g. "MUDLET" then "XTERM-256COLOR" (cycles through the list). */
  terminalTypes?: string[];
  /** Connect from this local address (127.0.0.2 is another address on Linux's loopback). */
  localAddress?: string;
}

const MCCP2_START = Buffer.from([IAC, SB, Opt.MCCP2, IAC, SE]);

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;

export class TelnetTestClient {
  /** Every byte received, before inflation. */
  readonly raw: Buffer[] = [];
  /** Negotiations received: [verb, option]. */
  readonly negotiations: Array<[number, number]> = [];
  readonly subnegotiations: Array<{ option: number; payload: Buffer }> = [];
  readonly gmcp: GmcpMessage[] = [];
  /** GA / EOR marks received. */
  prompts = 0;
  closed = false;
  private text = '';
  private readonly parser = new TelnetParser({ maxSubnegotiation: 1 << 20 });
  private readonly decoder = new TextDecoder('utf-8');
  private inflater: zlib.Inflate | undefined;
  private mccpPending: Buffer = Buffer.alloc(0);
  private ttypeIndex = 0;

  private constructor(
    readonly socket: net.Socket,
    private readonly options: ClientOptions,
  ) {
    socket.on('data', (chunk: Buffer) => this.receive(chunk));
    socket.on('close', () => (this.closed = true));
    socket.on('error', () => {});
  }

  static connect(port: number, options: ClientOptions = {}, host = '127.0.0.1'): Promise<TelnetTestClient> {
    return new Promise((resolve, reject) => {
      const socket = net.connect({ port, host, ...(options.localAddress ? { localAddress: options.localAddress } : {}) });
      const client = new TelnetTestClient(socket, options);
      socket.once('connect', () => resolve(client));
      socket.once('error', reject);
    });
  }

  /** Everything received as text so far (inflated, IAC sequences removed, ANSI colour removed). */
  get output(): string {
    return this.text.replace(ANSI, '');
  }

  /** The text with its ANSI sequences. */
  get rawText(): string {
    return this.text;
  }

  mark(): number {
    return this.text.length;
  }

  since(mark: number): string {
    return this.text.slice(mark).replace(ANSI, '');
  }

  /** Sends a line (CR LF appended). */
  line(text: string): void {
    this.socket.write(Buffer.from(text + '\r\n', 'utf8'));
  }

  write(bytes: number[] | Buffer | string): void {
    this.socket.write(typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : Buffer.from(bytes));
  }

  sendGmcp(pkg: string, data?: unknown): void {
    const body = Buffer.from(data === undefined ? pkg : `${pkg} ${JSON.stringify(data)}`, 'utf8');
    this.write(Buffer.concat([Buffer.from([IAC, SB, Opt.GMCP]), body, Buffer.from([IAC, SE])]));
  }

  async waitFor(what: string | RegExp, from = 0, ms = 5000): Promise<string> {
    const test = (s: string) => (typeof what === 'string' ? s.includes(what) : what.test(s));
    await until(() => test(this.since(from)), () => `text ${String(what)} (got: ${JSON.stringify(this.since(from).slice(-300))})`, ms, () => this.closed);
    return this.since(from);
  }

  async waitForPrompt(count: number, ms = 5000): Promise<void> {
    await until(() => this.prompts >= count, `prompt #${count}`, ms, () => this.closed);
  }

  async waitForGmcp(pkg: string, from = 0, ms = 5000): Promise<GmcpMessage> {
    await until(() => this.gmcp.slice(from).some((m) => m.package === pkg), `GMCP ${pkg}`, ms, () => this.closed);
    return this.gmcp.slice(from).find((m) => m.package === pkg) as GmcpMessage;
  }

  async waitForNegotiation(verb: number, option: number, from = 0, ms = 5000): Promise<void> {
    await until(() => this.negotiations.slice(from).some(([v, o]) => v === verb && o === option), `negotiation ${verb} ${option}`, ms);
  }

  async waitClosed(ms = 5000): Promise<void> {
    await until(() => this.closed, 'the connection to close', ms);
  }

  /** Sends a command and resolves with what came back up to the next prompt. */
  async command(line: string, ms = 5000): Promise<string> {
    const from = this.mark();
    const prompts = this.prompts;
    this.line(line);
    await this.waitForPrompt(prompts + 1, ms);
    return this.since(from);
  }

  /** Logs in (a new character when `create`), and resolves once the game shows the first room. */
  async login(name: string, password: string, create: boolean): Promise<string> {
    const from = this.mark();
    await this.waitFor('Name:', 0);
    this.line(name);
    if (create) {
      await this.waitFor('(yes/no)', from);
      this.line('yes');
      await this.waitFor('Choose a password:', from);
      this.line(password);
      await this.waitFor('Type the password again:', from);
    } else {
      await this.waitFor('Password:', from);
    }
    this.line(password);
    return this.waitFor('Exits:', from);
  }

  close(): void {
    this.socket.destroy();
  }

  private receive(chunk: Buffer): void {
    this.raw.push(chunk);
    if (this.inflater) {
      this.inflater.write(chunk);
      return;
    }
    if (!this.accepts(Opt.MCCP2)) return this.parse(chunk);
    // Until the start marker, look for it; what follows it is compressed.
    const buffer = Buffer.concat([this.mccpPending, chunk]);
    const at = buffer.indexOf(MCCP2_START);
    if (at < 0) {
      const keep = Math.min(buffer.length, MCCP2_START.length - 1);
      this.parse(buffer.subarray(0, buffer.length - keep));
      this.mccpPending = Buffer.from(buffer.subarray(buffer.length - keep));
      return;
    }
    this.parse(buffer.subarray(0, at + MCCP2_START.length));
    this.mccpPending = Buffer.alloc(0);
    this.inflater = zlib.createInflate();
    this.inflater.on('data', (plain: Buffer) => this.parse(plain));
    this.inflater.on('error', () => {});
    this.inflater.write(buffer.subarray(at + MCCP2_START.length));
  }

  private parse(bytes: Buffer): void {
    for (const event of this.parser.feed(bytes)) {
      switch (event.type) {
        case 'data':
          this.text += this.decoder.decode(event.data, { stream: true });
          break;
        case 'command':
          if (event.command === GA || event.command === EOR) this.prompts++;
          break;
        case 'negotiation':
          this.negotiations.push([event.verb, event.option]);
          this.answer(event.verb, event.option);
          break;
        case 'subnegotiation':
          this.subnegotiations.push({ option: event.option, payload: Buffer.from(event.payload) });
          if (event.option === Opt.GMCP) {
            const message = decodeGmcp(event.payload);
            if (message) this.gmcp.push(message);
          } else if (event.option === Opt.TTYPE && event.payload[0] === 1) {
            const types = this.options.terminalTypes ?? [];
            const name = types[Math.min(this.ttypeIndex++, types.length - 1)] ?? 'UNKNOWN';
            this.write(Buffer.concat([Buffer.from([IAC, SB, Opt.TTYPE, 0]), Buffer.from(name), Buffer.from([IAC, SE])]));
          }
          break;
        default:
          break;
      }
    }
  }

  private accepts(option: number): boolean {
    return (this.options.accept ?? []).includes(option);
  }

  private answer(verb: number, option: number): void {
    // Only answer requests to change state (no loops): accept what we were told to, refuse the rest.
    if (verb === WILL) this.write([IAC, this.accepts(option) ? DO : DONT, option]);
    else if (verb === DO) this.write([IAC, this.accepts(option) ? WILL : WONT, option]);
  }
}

/** The most one look of `until` counts towards its deadline, ms: a longer gap is this process stalled (the test server shares it), not the server being slow. */
const STALL_MS = 250;

async function until(check: () => boolean, what: string | (() => string), ms: number, gaveUp: () => boolean = () => false): Promise<void> {
  const describe = () => (typeof what === 'string' ? what : what());
  let waited = 0;
  let last = Date.now();
  while (!check()) {
    if (gaveUp()) {
      // One last look: the data may have arrived with the close.
      if (check()) return;
      throw new Error(`connection closed while waiting for ${describe()}`);
    }
    const now = Date.now();
    waited += Math.min(now - last, STALL_MS);
    last = now;
    if (waited > ms) throw new Error(`timed out after ${ms} ms waiting for ${describe()}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
