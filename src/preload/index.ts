// The preload: the only bridge between the studio page and the main process.
// It exposes two functions and nothing else: call one of the studio methods
// (the name is checked here and again, with the arguments, in the main
// process), and listen to the studio's events. Built as CommonJS, since a
// sandboxed preload cannot be an ES module.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { IPC_CHANNELS, isStudioMethod, PRELOAD_GLOBAL, type PreloadBridge, type StudioEvent } from '../shared/api';

const bridge: PreloadBridge = {
  call(method, args) {
    if (!isStudioMethod(method)) return Promise.reject(new Error(`Unknown studio method ${String(method)}`));
    if (!Array.isArray(args)) return Promise.reject(new Error('Studio call arguments must be a list'));
    return ipcRenderer.invoke(IPC_CHANNELS.call, method, args) as Promise<unknown>;
  },
  onEvent(listener) {
    if (typeof listener !== 'function') throw new Error('onEvent takes a function');
    const wrapped = (_event: IpcRendererEvent, payload: StudioEvent) => listener(payload);
    ipcRenderer.on(IPC_CHANNELS.event, wrapped);
    return () => {
      ipcRenderer.removeListener(IPC_CHANNELS.event, wrapped);
    };
  },
};

contextBridge.exposeInMainWorld(PRELOAD_GLOBAL, bridge);
