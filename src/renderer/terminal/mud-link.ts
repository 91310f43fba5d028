// One game session over the WebSocket: text in and out, GMCP, window size.
import { formatGmcp, LINE_END, parseGmcp, SUBPROTOCOL, WINDOW_SIZE_PACKAGE, type GmcpMessage } from './mud-protocol';

export type LinkStatus = 'connecting' | 'open' | 'closed';

export interface MudLinkEvents {
  text(text: string): void;
  gmcp(message: GmcpMessage): void;
  status(status: LinkStatus, reason?: string): void;
}

export class MudLink {
  private readonly ws: WebSocket;
  private readonly decoder = new TextDecoder('utf-8');
  private readonly encoder = new TextEncoder();
  private size: { width: number; height: number } | undefined;

  constructor(url: string, private readonly events: MudLinkEvents, clientVersion: string) {
    this.ws = new WebSocket(url, [SUBPROTOCOL]);
    this.ws.binaryType = 'arraybuffer';
    events.status('connecting');
    this.ws.onopen = () => {
      this.sendGmcp('Core.Hello', { client: 'MAID Studio', version: clientVersion });
      this.sendGmcp('Core.Supports.Set', ['Char 1', 'Room 1']);
      if (this.size) this.sendGmcp(WINDOW_SIZE_PACKAGE, this.size);
      events.status('open');
    };
    this.ws.onmessage = (message) => {
      if (typeof message.data === 'string') {
        const gmcp = parseGmcp(message.data);
        if (gmcp) events.gmcp(gmcp);
        return;
      }
      events.text(this.decoder.decode(new Uint8Array(message.data as ArrayBuffer), { stream: true }));
    };
    this.ws.onclose = (event) => events.status('closed', event.reason || (event.wasClean ? 'The game closed the session' : 'The connection to the game was lost'));
  }

  get isOpen(): boolean {
    return this.ws.readyState === WebSocket.OPEN;
  }

  sendLine(line: string): void {
    if (this.isOpen) this.ws.send(this.encoder.encode(line + LINE_END));
  }

  sendGmcp(pkg: string, data?: unknown): void {
    if (this.isOpen) this.ws.send(formatGmcp(pkg, data));
  }

  /** Reports the terminal's size now (when open) and on every later connect. */
  reportSize(width: number, height: number): void {
    if (this.size?.width === width && this.size.height === height) return;
    this.size = { width, height };
    this.sendGmcp(WINDOW_SIZE_PACKAGE, this.size);
  }

  close(): void {
    this.ws.close(1000, 'Closed by the studio');
  }
}
