import type { ServerResponse } from 'node:http';
import type { Disposable } from '../core/disposable';
import { toJson } from './json';
import type { AdminEvent } from './protocol';

/** Seconds between comment lines that keep idle connections (and proxies' timers) alive. */
const HEARTBEAT_SECONDS = 15;

/**
 * The `/api/events` stream: Server-Sent Events, one `reload` event per
 * reload result as the engine records it, after a `hello`. Streams end when
 * the client goes away or the server stops.
 */
export class ReloadEventStreams {
  private readonly open = new Set<ServerResponse>();
  private readonly subscription: Disposable;

  constructor(reloads: (listener: (result: unknown) => void) => Disposable) {
    this.subscription = reloads((result) => this.broadcast({ type: 'reload', data: result } as AdminEvent));
  }

  attach(res: ServerResponse): void {
    res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'keep-alive', 'X-Content-Type-Options': 'nosniff' });
    this.open.add(res);
    const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), HEARTBEAT_SECONDS * 1000);
    heartbeat.unref();
    res.on('close', () => {
      clearInterval(heartbeat);
      this.open.delete(res);
    });
    write(res, { type: 'hello', data: { pid: process.pid } });
  }

  get size(): number {
    return this.open.size;
  }

  close(): void {
    this.subscription.dispose();
    for (const res of this.open) res.end();
    this.open.clear();
  }

  /** An event for every open stream (the gateway's engine restarts, say). */
  broadcast(event: AdminEvent): void {
    for (const res of this.open) write(res, event);
  }
}

function write(res: ServerResponse, event: AdminEvent): void {
  res.write(`event: ${event.type}\ndata: ${toJson(event.data)}\n\n`);
}
