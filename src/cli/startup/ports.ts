import net from 'node:net';
import { MaidError } from '../../engine/host';
import { findPortHolder } from '../../engine/server/endpoints/port-holder';

/** A port the server will listen on, and how the user chose it (for the message when it is taken). */
export interface WantedPort {
  port: number;
  /** `telnet`, `WebSocket`, `admin API`. */
  what: string;
  /** The flag that chooses it: `--port`, `--ws-port`. */
  option: string;
  /** Where the value came from, when not from that flag: `MAID_PORT`, `the default`, `--port + 1`. */
  source?: string;
}

/** A port another process holds: an expected error, said in one line with who holds it. */
export class PortInUseError extends MaidError {}

/** Resolves when the port can be listened on now; a busy one rejects with the error the user can act on. */
function probe(host: string, wanted: WantedPort): Promise<void> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', (err: NodeJS.ErrnoException) => {
      if (err.code !== 'EADDRINUSE') return resolve(); // other problems are reported by the real listen, with their own wording
      const holder = findPortHolder(wanted.port);
      const who = holder ? ` by process ${holder.pid}${holder.command ? ` (${holder.command})` : ''}` : ' by another process';
      const chosen = wanted.source ? `${wanted.what}, from ${wanted.source}` : `${wanted.what}, ${wanted.option}`;
      reject(new PortInUseError(`Port ${wanted.port} (${chosen}) on ${host} is in use${who}: stop that process, or choose another port with ${wanted.option} PORT`));
    });
    server.listen(wanted.port, host, () => server.close(() => resolve()));
  });
}

/**
 * Checks, before anything slow happens (packs load), that every fixed port
 * is free. Port 0 (any free port) needs no check. A race with another
 * process after the check is still caught by the real listen.
 */
export async function checkPortsFree(host: string, ports: readonly WantedPort[]): Promise<void> {
  for (const wanted of ports) if (wanted.port !== 0) await probe(host, wanted);
}
