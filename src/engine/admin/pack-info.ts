import type { GameEngine } from '../engine';
import { systemName } from '../systems/system';
import type { AdminPackInfo, AdminStatus } from './protocol';

/** The packs as the API lists them, in load order. */
export function packInfos(engine: GameEngine): AdminPackInfo[] {
  const watched = new Set(engine.hotReload.watchedPacks.map((w) => w.name));
  return engine.listPacks().map((p) => {
    const description = (p.manifest as { description?: unknown }).description;
    return {
    name: p.name,
    version: p.manifest.version,
    ...(typeof description === 'string' ? { description } : {}),
    status: p.status,
    ...(p.error !== undefined ? { error: p.error } : {}),
    dependencies: [...(p.manifest.dependencies ?? [])],
    ...(p.dir !== undefined ? { dir: p.dir } : {}),
    systems: p.active?.systems.map((s) => systemName(s)) ?? [],
    commands: p.active?.commands.map((c) => c.name) ?? [],
    watched: watched.has(p.name),
    reloading: engine.hotReload.isReloading(p.name),
  };
  });
}

export function serverStatus(engine: GameEngine, startedAt: number): AdminStatus {
  return {
    pid: process.pid,
    startedAt,
    uptime: (Date.now() - startedAt) / 1000,
    packs: engine.listPacks().length,
    ticks: engine.tickLoop.ticks,
    tickRate: engine.settings.tickRate,
    watching: engine.hotReload.watchedPacks,
  };
}
