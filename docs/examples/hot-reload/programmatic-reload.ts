import { GameEngine, getSettings, type ReloadResult } from '@maid/engine/host';

// Load a pack from its folder, start the engine, and reload the pack later,
// after its files changed on disk. Only the changed modules (and the modules
// that import them) are evaluated again.
export async function reloadFromCode(packDir: string, edit: () => void): Promise<ReloadResult> {
  const settings = getSettings();
  const engine = new GameEngine(settings);
  await engine.loadPackFromPath(packDir);
  await engine.start();

  edit(); // ... you change and save files of the pack ...

  const result = await engine.hotReload.reloadPack('starter-world');
  console.log(`Reload: ${result.success ? 'ok' : result.error?.message} in ${result.elapsedTime.toFixed(3)}s`);

  await engine.stop();
  return result;
}
