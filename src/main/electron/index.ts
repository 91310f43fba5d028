// The Electron main process: the studio host (engine, watcher, game) and the
// window, talking over IPC. Built by electron-vite into out/main/index.js.
import { join } from 'node:path';
import { app, BrowserWindow } from 'electron';
import { errorMessage } from '../../engine/host';
import { StudioService } from '../api/studio-service';
import { StudioHost, type StudioHostOptions } from '../host/studio-host';
import { outDirs } from '../paths';
import { originOf } from '../security/csp';
import { registerAppScheme, serveRenderer } from './app-protocol';
import { forwardEvents, serveIpc } from './ipc';
import { createStudioWindow, loadStudio } from './window';

/** Options from the launcher (`maid studio`), as JSON in MAID_STUDIO_OPTIONS. */
function launchOptions(): Omit<StudioHostOptions, 'mode'> {
  const raw = process.env.MAID_STUDIO_OPTIONS;
  if (!raw) return {};
  try {
    return JSON.parse(raw) as Omit<StudioHostOptions, 'mode'>;
  } catch {
    process.stderr.write('MAID Studio: MAID_STUDIO_OPTIONS is not valid JSON; using the defaults\n');
    return {};
  }
}

registerAppScheme();
app.enableSandbox();

async function main(): Promise<void> {
  await app.whenReady();
  const host = await StudioHost.start({ ...launchOptions(), mode: 'electron' });
  const dirs = outDirs();
  serveRenderer(dirs.renderer, () => {
    const game = host.gameEndpoint;
    const origin = game.available ? originOf(game.url) : undefined;
    return origin ? [origin] : [];
  });
  const windows = new Set<number>();
  serveIpc(new StudioService(host), host.events, (contents) => windows.has(contents.id), (what, err) =>
    host.logger.error(`Studio: ${what} failed: ${errorMessage(err)}`),
  );
  const open = async () => {
    const window = createStudioWindow(join(dirs.preload, 'index.cjs'));
    const id = window.webContents.id;
    windows.add(id);
    forwardEvents(host.events, window.webContents);
    window.on('closed', () => windows.delete(id));
    await loadStudio(window);
  };
  await open();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) void open();
  });
  let stopping = false;
  app.on('before-quit', (event) => {
    if (stopping) return;
    stopping = true;
    event.preventDefault();
    void host.stop().finally(() => app.quit());
  });
  app.on('window-all-closed', () => app.quit());
}

main().catch((err) => {
  process.stderr.write(`MAID Studio failed to start: ${errorMessage(err)}\n`);
  app.exit(1);
});
