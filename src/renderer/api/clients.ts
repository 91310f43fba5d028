// The renderer's side of the studio API: one StudioClient over either
// transport. Electron: the preload's bridge (IPC). Web mode: fetch for calls
// and a WebSocket for events, both carrying the launch token.

import { PRELOAD_GLOBAL, STUDIO_METHODS, type PreloadBridge, type StudioApi, type StudioClient, type StudioEvent, type StudioEventListener, type StudioMethod } from '../../shared/api';
import { StudioError, unwrapEnvelope } from '../../shared/errors';
import { API_PREFIX, AUTH_SCHEME, EVENTS_PATH, TOKEN_PARAM } from '../../shared/web-protocol';

type Call = (method: StudioMethod, args: unknown[]) => Promise<unknown>;

/** Builds the typed API from a generic call function. */
function apiFrom(call: Call): StudioApi {
  const api = {} as Record<StudioMethod, (...args: unknown[]) => Promise<unknown>>;
  for (const method of STUDIO_METHODS) api[method] = (...args: unknown[]) => call(method, args);
  return api as unknown as StudioApi;
}

import type { LinkState } from '../state/studio-state';

export type { LinkState };

export interface StudioConnection {
  client: StudioClient;
  onLinkState(listener: (state: LinkState) => void): () => void;
}

function ipcConnection(bridge: PreloadBridge): StudioConnection {
  const call: Call = async (method, args) => unwrapEnvelope(await bridge.call(method, args), method);
  return {
    client: { ...apiFrom(call), subscribe: (listener) => bridge.onEvent(listener) },
    onLinkState: (listener) => {
      listener('open');
      return () => {};
    },
  };
}

function webConnection(token: string): StudioConnection {
  const listeners = new Set<StudioEventListener>();
  const linkListeners = new Set<(state: LinkState) => void>();
  let state: LinkState = 'connecting';
  const setState = (next: LinkState) => {
    state = next;
    for (const l of linkListeners) l(next);
  };
  const call: Call = async (method, args) => {
    let response: Response;
    try {
      response = await fetch(`${API_PREFIX}${method}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `${AUTH_SCHEME} ${token}` },
        body: JSON.stringify({ args }),
      });
    } catch {
      throw new StudioError('unavailable', 'The studio host does not answer; is it still running?');
    }
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      throw new StudioError('internal', `${method}: the studio host answered ${response.status} without a readable body`);
    }
    return unwrapEnvelope(body, method);
  };
  let retry = 250;
  const connect = () => {
    const url = new URL(EVENTS_PATH, location.href);
    url.protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
    url.searchParams.set(TOKEN_PARAM, token);
    const ws = new WebSocket(url);
    ws.onopen = () => {
      retry = 250;
      setState('open');
    };
    ws.onmessage = (message) => {
      let event: StudioEvent;
      try {
        event = JSON.parse(String(message.data)) as StudioEvent;
      } catch {
        return;
      }
      for (const listener of [...listeners]) listener(event);
    };
    ws.onclose = () => {
      setState('lost');
      setTimeout(connect, retry);
      retry = Math.min(retry * 2, 5000);
    };
  };
  connect();
  return {
    client: {
      ...apiFrom(call),
      subscribe: (listener) => {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    },
    onLinkState: (listener) => {
      linkListeners.add(listener);
      listener(state);
      return () => linkListeners.delete(listener);
    },
  };
}

/** The connection for this page: Electron's bridge when the preload put one there, else web mode with the URL's token. */
export function connectToStudio(): StudioConnection {
  const bridge = (window as unknown as Record<string, PreloadBridge | undefined>)[PRELOAD_GLOBAL];
  if (bridge) return ipcConnection(bridge);
  const token = new URL(location.href).searchParams.get(TOKEN_PARAM);
  if (!token) throw new StudioError('unauthorized', 'This page needs the token: open the URL the studio printed at launch');
  return webConnection(token);
}
