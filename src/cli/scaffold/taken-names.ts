import { discoverPacks, GameEngine, getSettings, MemorySink } from '../../engine/host';

/** Command words and component names the packs of a packs folder register, each with the pack that owns it. */
export interface TakenNames {
  commands: Map<string, string>;
  components: Map<string, string>;
}

/**
 * Loads the packs of the packs folder into a quiet engine of its own (no
 * ticks, no storage, nothing written) and lists what they register: a new
 * pack's example command must not take a word one of them uses. A pack
 * that does not load takes nothing.
 */
export async function takenNames(packsDir: string): Promise<TakenNames> {
  const log = new MemorySink();
  const engine = new GameEngine(getSettings({ env: {}, overrides: { logLevel: 'ERROR' } }), { logSinks: [log.sink] });
  const taken: TakenNames = { commands: new Map(), components: new Map() };
  for (const { dir } of discoverPacks(packsDir)) await engine.loadPackFromPath(dir).catch(() => undefined);
  try {
    await engine.start({ autoTick: false });
    for (const entry of engine.commands.list()) {
      for (const word of [entry.command.name, ...entry.command.aliases]) taken.commands.set(word, entry.packName);
    }
    for (const record of engine.listPacks()) for (const c of record.active?.components ?? []) taken.components.set(c.name, record.name);
  } finally {
    await engine.stop();
  }
  return taken;
}

/** The first of `base`, `base-pack`, `base-pack-2`, ... that no pack uses. */
export function freeName(base: string, isTaken: (name: string) => boolean, join = (b: string, n: number) => (n === 1 ? `${b}-pack` : `${b}-pack-${n}`)): string {
  if (!isTaken(base)) return base;
  for (let n = 1; ; n++) if (!isTaken(join(base, n))) return join(base, n);
}
