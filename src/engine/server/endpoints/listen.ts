/** Listening on a host and port, with the error a person can act on; waiting for connections to go. */
import type { AddressInfo, Server } from 'node:net';
import { MaidError } from '../../core/errors';

export function listen(server: Server, host: string, port: number, what: string): Promise<{ host: string; port: number }> {
  return new Promise((resolve, reject) => {
    const failed = (err: NodeJS.ErrnoException) => {
      server.off('listening', listening);
      const why =
        err.code === 'EADDRINUSE' ? 'the port is in use (is another server running? choose another port)'
        : err.code === 'EACCES' ? 'permission denied (ports below 1024 need privileges)'
        : err.code === 'EADDRNOTAVAIL' ? 'this machine has no such address'
        : err.message;
      reject(new MaidError(`Cannot listen for ${what} on ${host}:${port}: ${why}`, { cause: err }));
    };
    const listening = () => {
      server.off('error', failed);
      const address = server.address() as AddressInfo;
      resolve({ host, port: address.port });
    };
    server.once('error', failed);
    server.once('listening', listening);
    server.listen(port, host);
  });
}

/** Resolves when `done()` holds, or after `ms` whatever it says. */
export async function waitFor(done: () => boolean, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (!done() && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 20));
}
