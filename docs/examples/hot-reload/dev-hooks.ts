import type { GameEngine, HotReloadContext } from '@maid/engine';

function devPreReload(ctx: HotReloadContext): void {
  console.log(`\n${'='.repeat(50)}`);
  console.log(`Reloading: ${ctx.packName}`);
  console.log('='.repeat(50));
}

function devPostReload(ctx: HotReloadContext): void {
  console.log(`Reload completed in ${ctx.elapsedTime.toFixed(3)}s`);
  console.log(`${'='.repeat(50)}\n`);
}

// Register development hooks.
export function registerDevHooks(engine: GameEngine): void {
  if (engine.settings.debug) {
    engine.hotReload.registerHook('pre_load', devPreReload);
    engine.hotReload.registerHook('post_load', devPostReload);
  }
}
