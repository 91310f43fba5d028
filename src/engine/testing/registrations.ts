import type { GameEngine } from '../engine';

/** Everything of a pack still registered in the engine, by kind; all empty once it is unloaded. */
export interface PackRegistrations {
  pack: boolean;
  systems: string[];
  commands: string[];
  components: string[];
  eventListeners: string[];
  timers: number;
}

export function registrationsOf(engine: GameEngine, packName: string): PackRegistrations {
  return {
    pack: engine.getPack(packName) !== undefined,
    systems: engine.scheduler.entriesOf(packName).map((e) => e.name),
    commands: engine.commands.listOf(packName).map((e) => e.command.name),
    components: engine.world.registeredComponents().filter((c) => engine.world.componentOwner(c.name) === packName).map((c) => c.name),
    eventListeners: engine.world.events.listenersOf(packName),
    timers: engine.timers.countOf(packName),
  };
}

export function isEmptyRegistration(r: PackRegistrations): boolean {
  return !r.pack && r.systems.length === 0 && r.commands.length === 0 && r.components.length === 0 && r.eventListeners.length === 0 && r.timers === 0;
}
