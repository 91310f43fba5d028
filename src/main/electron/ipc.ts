import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { IPC_CHANNELS, type StudioApi } from '../../shared/api';
import type { Envelope } from '../../shared/errors';
import { dispatch, type InternalErrorReporter } from '../api/dispatch';
import type { EventHub } from '../host/event-hub';
import { isAppUrl } from './window';

/**
 * Electron's transport: one invoke channel for calls (method name and
 * arguments checked by dispatch), one push channel for events. Only the
 * studio window's own page may call: the sender and its frame's URL are checked.
 */
export function serveIpc(api: StudioApi, events: EventHub, isStudioContents: (contents: WebContents) => boolean, reportInternal: InternalErrorReporter): () => void {
  const trusted = (event: IpcMainInvokeEvent) => {
    const frame = event.senderFrame;
    const main = event.sender.mainFrame;
    const isMainFrame = frame !== null && frame.processId === main.processId && frame.routingId === main.routingId;
    return isStudioContents(event.sender) && isMainFrame && isAppUrl(frame.url);
  };
  ipcMain.handle(IPC_CHANNELS.call, async (event, method: unknown, args: unknown): Promise<Envelope<unknown>> => {
    if (!trusted(event)) return { ok: false, error: { code: 'forbidden', message: 'Studio calls are accepted from the studio window only' } };
    return dispatch(api, method, args, reportInternal);
  });
  return () => ipcMain.removeHandler(IPC_CHANNELS.call);
}

/** Pushes every host event to a window until it closes. */
export function forwardEvents(events: EventHub, contents: WebContents): () => void {
  const unsubscribe = events.subscribe((event) => {
    if (!contents.isDestroyed()) contents.send(IPC_CHANNELS.event, event);
  });
  contents.once('destroyed', unsubscribe);
  return unsubscribe;
}
