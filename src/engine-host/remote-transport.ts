/**
 * A player connection held by the gateway, as the engine's sessions see it:
 * a Transport whose writes become items of the next `output` batch and whose
 * events arrive in `input` batches. Colours, telnet and WebSocket framing,
 * compression and the input limits all stay in the gateway.
 */
import { GmcpSupports } from '../engine/server/telnet/gmcp';
import { GATED_GMCP_PACKAGES, topLevelPackage } from '../engine/server/endpoints/gmcp-packages';
import type { PlayingCharacter, Transport, TransportHandlers, TransportLimit, TransportProtocol } from '../engine/server/session/transport';
import type { EngineSessionOutput, LinkCaps, SessionId } from '../link/frames';

export class RemoteTransport implements Transport {
  private handlers: TransportHandlers | undefined;
  /** Events that came before the session bound (a line typed as the engine started). */
  private early: Array<(h: TransportHandlers) => void> = [];
  private open = true;
  private gmcp = false;
  private readonly supports = new GmcpSupports();

  constructor(
    readonly id: SessionId,
    readonly protocol: TransportProtocol,
    readonly address: string,
    readonly clientName: string | undefined,
    caps: LinkCaps,
    private readonly out: (item: EngineSessionOutput) => void,
  ) {
    this.setCaps(caps);
  }

  get isOpen(): boolean {
    return this.open;
  }

  bind(handlers: TransportHandlers): void {
    this.handlers = handlers;
    const early = this.early;
    this.early = [];
    for (const deliver of early) deliver(handlers);
  }

  /** The gateway waited for the client's answers before it said the connection opened. */
  ready(): Promise<void> {
    return Promise.resolve();
  }

  write(text: string, prompt?: string, answer?: boolean): void {
    if (!this.open) return;
    const item: EngineSessionOutput = { k: 'write', s: this.id, text };
    if (prompt !== undefined) item.prompt = prompt;
    if (answer) item.answer = true;
    this.out(item);
  }

  writeLines(lines: string[], lead: boolean, prompt?: string, answer?: boolean): void {
    if (!this.open) return;
    const item: EngineSessionOutput = { k: 'lines', s: this.id, lines };
    if (lead) item.lead = true;
    if (prompt !== undefined) item.prompt = prompt;
    if (answer) item.answer = true;
    this.out(item);
  }

  acceptsData(pkg: string): boolean {
    if (!this.open || !this.gmcp) return false;
    return !GATED_GMCP_PACKAGES.has(topLevelPackage(pkg)) || this.supports.supports(pkg);
  }

  sendData(pkg: string, data?: unknown): void {
    if (!this.open) return;
    this.out(data === undefined ? { k: 'data', s: this.id, pkg } : { k: 'data', s: this.id, pkg, data });
  }

  setEcho(hidden: boolean): void {
    if (this.open) this.out({ k: 'echo', s: this.id, hidden });
  }

  close(): void {
    if (!this.open) return;
    this.out({ k: 'close', s: this.id });
    this.closed('server');
  }

  playing(character: PlayingCharacter): void {
    if (this.open) this.out({ k: 'playing', s: this.id, character });
  }

  // ---- what the gateway reported ----

  setCaps(caps: LinkCaps): void {
    this.gmcp = caps.gmcp;
    this.supports.handle({ package: 'Core.Supports.Set', data: caps.supports });
  }

  line(text: string): void {
    this.deliver((h) => h.line(text));
  }

  gmcpMessage(pkg: string, data: unknown): void {
    this.deliver((h) => h.gmcp(pkg, data));
  }

  limit(limit: TransportLimit, max: number): void {
    this.deliver((h) => h.limit(limit, max));
  }

  /** The connection is gone (the player left, or the gateway closed it). */
  closed(reason: string): void {
    if (!this.open && this.handlers === undefined) return;
    this.open = false;
    const handlers = this.handlers;
    this.handlers = undefined;
    if (handlers) handlers.closed(reason);
    else this.early.push((h) => h.closed(reason));
  }

  private deliver(event: (h: TransportHandlers) => void): void {
    if (!this.open) return;
    if (this.handlers) event(this.handlers);
    else this.early.push(event);
  }
}
