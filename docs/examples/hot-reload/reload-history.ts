import type { GameEngine } from '@maid/engine';

// Print how long each reload took, and the migrations it ran.
export function printReloadHistory(engine: GameEngine): void {
  for (const result of engine.hotReload.getReloadHistory()) {
    console.log(`${result.packName}: ${result.elapsedTime.toFixed(3)}s`);
    if (result.migrationsRun > 0) console.log(`  Migrations: ${result.migrationsRun}`);
  }
}
