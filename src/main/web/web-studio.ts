import type { StudioApi } from '../../shared/api';
import { deferredApi } from '../api/deferred-api';
import { EventHub } from '../host/event-hub';
import type { StudioHost, StudioHostOptions } from '../host/studio-host';
import { outDirs } from '../paths';
import { startWebServer, type RunningWebServer } from './web-server';

export interface WebStudioOptions extends Omit<StudioHostOptions, 'mode' | 'events'> {
  /** Port of the studio page and API on 127.0.0.1 (default 4100; 0 picks a free one). */
  port?: number;
  /** The built renderer (default: out/renderer). */
  rendererDir?: string;
  token?: string;
}

export interface WebStudio {
  server: RunningWebServer;
  /** The URL to open, token included. */
  url: string;
  /** Resolves when the engine, its packs, the watcher and the game are up; rejects if they cannot start. */
  ready: Promise<StudioHost>;
  stop(): Promise<void>;
}

/** The default port of the studio page: fixed, so a browser keeps the studio's bundles cached between launches. */
export const DEFAULT_STUDIO_PORT = 4100;

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

/**
 * Starts the studio in web mode. The HTTP + WebSocket transport listens at
 * once and the host (engine, packs, watcher, game) boots meanwhile, so the
 * browser loads the page while the packs load; calls wait for the host.
 */
export async function startWebStudio(options: WebStudioOptions): Promise<WebStudio> {
  const events = new EventHub();
  let host: StudioHost | undefined;
  // The host boots once the server listens: loading packs keeps the event loop busy, and the URL should not wait for it.
  let bootNow: () => void = () => {};
  const listening = new Promise<void>((resolve) => (bootNow = resolve));
  const ready = listening
    .then(() => import('../host/studio-host'))
    .then(({ StudioHost }) => StudioHost.start({ ...options, mode: 'web', events }));
  const api: Promise<StudioApi> = ready.then(async (h) => {
    host = h;
    const { StudioService } = await import('../api/studio-service');
    return new StudioService(h);
  });
  ready.catch(() => {}); // the caller awaits `ready` and reports
  const server = await startWebServer({
    api: deferredApi(api),
    events,
    rendererDir: options.rendererDir ?? outDirs().renderer,
    port: options.port ?? DEFAULT_STUDIO_PORT,
    fallbackToFreePort: options.port === undefined,
    ...(options.token !== undefined ? { token: options.token } : {}),
    reportInternal: (what, err) => {
      if (host) host.logger.error(`Studio: ${what} failed: ${message(err)}`);
      else process.stderr.write(`Studio: ${what} failed: ${message(err)}\n`);
    },
  });
  // Loading packs keeps the event loop busy for a moment: let the first page request through first.
  server.firstPageServed.then(bootNow, bootNow);
  setTimeout(bootNow, 300);
  return {
    server,
    url: server.url,
    ready,
    stop: async () => {
      await server.close();
      await ready.then((h) => h.stop()).catch(() => {});
    },
  };
}
