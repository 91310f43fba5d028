/** Loopback TCP harness for the TelnetConnection tests (not a test file itself). */
import net from 'node:net';
import { DO, IAC, Opt, WILL } from './constants';
import { TelnetConnection, type TelnetConnectionEvents, type TelnetConnectionOptions } from './connection';

const cleanups: Array<() => void> = [];

/** Closes every connection and server opened by `connect`; call it from afterEach. */
export function closeAll(): void {
  for (const fn of cleanups.splice(0)) fn();
}

export async function waitUntil(check: () => boolean, what: string, ms = 2000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** A TelnetConnection on the server end of a real loopback TCP connection, and a raw client. */
export async function connect(options: TelnetConnectionOptions = {}) {
  const server = net.createServer();
  let conn: TelnetConnection | undefined;
  const events: Array<{ [K in keyof TelnetConnectionEvents]: [K, TelnetConnectionEvents[K]] }[keyof TelnetConnectionEvents]> = [];
  server.on('connection', (socket) => {
    conn = new TelnetConnection(socket, { closeTimeoutMs: 200, ...options });
    for (const name of ['line', 'limit', 'gmcp', 'naws', 'ttype', 'option', 'charset', 'command', 'protocolError', 'close'] as const) {
      conn.on(name, (value) => events.push([name, value] as never));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  const client = net.connect(port, '127.0.0.1');
  const chunks: Buffer[] = [];
  let clientClosed = false;
  client.on('data', (d: Buffer) => chunks.push(d));
  client.on('close', () => (clientClosed = true));
  client.on('error', () => {});
  await waitUntil(() => conn !== undefined, 'the connection');
  cleanups.push(() => {
    client.destroy();
    conn?.close('test-end');
    server.close();
  });
  const received = (): Buffer => Buffer.concat(chunks);
  return {
    conn: conn!,
    client,
    events,
    received,
    clientClosed: () => clientClosed,
    write: (bytes: number[] | string) => client.write(typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : Buffer.from(bytes)),
    /** Waits until the client has received `bytes` after everything it had at the call. */
    async expectNext(bytes: number[], from: number): Promise<void> {
      const want = Buffer.from(bytes);
      await waitUntil(() => received().subarray(from).includes(want), `bytes ${bytes.join(',')}`);
    },
  };
}


/** What a fresh connection sends, in order. */
export const OFFERS = [
  IAC, WILL, Opt.GMCP, IAC, WILL, Opt.MSSP, IAC, WILL, Opt.MCCP2, IAC, WILL, Opt.EOR, IAC, WILL, Opt.SGA,
  IAC, DO, Opt.NAWS, IAC, DO, Opt.TTYPE, IAC, WILL, Opt.CHARSET,
];

