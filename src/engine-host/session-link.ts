/**
 * The engine's end of the sessions: one RemoteTransport per connection the
 * gateway holds. Input items become transport events; everything the
 * sessions write leaves as one `output` batch per turn of the event loop.
 */
import type { GameServer, Logger } from '../engine/host';
import { Batcher } from '../link/batcher';
import type { EngineSessionOutput, SessionId, SessionInput } from '../link/frames';
import { RemoteTransport } from './remote-transport';

export class SessionLink {
  private readonly transports = new Map<SessionId, RemoteTransport>();
  private readonly outbox: Batcher<EngineSessionOutput>;
  private muted = false;

  constructor(
    private readonly server: GameServer,
    private readonly logger: Logger,
    send: (items: EngineSessionOutput[]) => void,
  ) {
    this.outbox = new Batcher(send);
  }

  get size(): number {
    return this.transports.size;
  }

  receive(items: readonly SessionInput[]): void {
    for (const item of items) {
      try {
        this.apply(item);
      } catch (err) {
        // A session's failure is that session's: the rest of the batch goes on.
        this.logger.error(`Gateway input for session ${item.s} failed: ${String(err)}`);
      }
    }
  }

  /** From now on nothing goes out: the engine stops for a restart and the gateway keeps the connections. */
  mute(): void {
    this.muted = true;
  }

  /** Sends what the sessions wrote so far (before the engine stops). */
  flush(): void {
    this.outbox.flush();
  }

  private apply(item: SessionInput): void {
    if (item.k === 'open') {
      if (this.transports.has(item.s)) return;
      const transport = new RemoteTransport(item.s, item.protocol, item.address, item.client, item.caps, (out) => this.send(out));
      this.transports.set(item.s, transport);
      if (item.resume) void this.server.resume(transport, item.resume).catch((err) => this.logger.error(`Putting ${item.resume?.character} back in the world failed: ${String(err)}`));
      else this.server.attach(transport);
      return;
    }
    const transport = this.transports.get(item.s);
    if (!transport) return; // closed here already: what was in flight is dropped
    switch (item.k) {
      case 'line':
        transport.line(item.text);
        return;
      case 'gmcp':
        transport.gmcpMessage(item.pkg, item.data);
        return;
      case 'caps':
        transport.setCaps(item.caps);
        return;
      case 'limit':
        transport.limit(item.limit, item.max);
        return;
      case 'closed':
        this.transports.delete(item.s);
        transport.closed(item.reason);
        return;
    }
  }

  private send(item: EngineSessionOutput): void {
    if (this.muted) return;
    // The engine closed the session itself (quit, idle): nothing more comes for it.
    if (item.k === 'close') this.transports.delete(item.s);
    this.outbox.push(item);
  }
}
