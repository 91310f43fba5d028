import type { GameEngine } from '@maid/engine';

/**
 * Prints every call the engine cut off (and every async update it left
 * behind) as it happens, with the pack, the call and where it was running;
 * returns what stops the printing.
 */
export function printCutOffs(engine: GameEngine): () => void {
  const subscription = engine.hotReload.onCutOff.on((record) => {
    const where = record.location ? `${record.location.file}:${record.location.line ?? '?'}` : 'unknown place';
    console.log(`Cut off: ${record.call.kind} ${record.call.name} of ${record.packName ?? 'the host'} at ${where}`);
  });
  return () => subscription.dispose();
}
