/**
 * Building from inside the game: commands for accounts with the builder
 * role. Those that change content (@dig, @open, @close, @desc) write the
 * owning pack's area file, and the reload of that save applies them; the
 * others (@create, @spawn, @set, @goto, @where) act on the live world only.
 * The server that owns accounts registers them (see GameServer).
 */
import { DisposableStore, type Disposable } from '../core/disposable';
import type { GameEngine } from '../engine';
import { AreaWriter } from './area-writer';
import { roomCommands } from './room-commands';
import { thingCommands } from './thing-commands';
import { travelCommands } from './travel-commands';
import { UnsavedEdits } from './unsaved';

export { AreaText, AreaTextError } from './area-text';
export { AreaWriter, BuildError } from './area-writer';
export { BUILDER_ROLE } from './builder-kit';
export { UnsavedEdits } from './unsaved';

/** The commands' owner in the registry (and in `help`'s listing, their category is 'building'). */
export const BUILDING_OWNER = 'engine';

export class Building implements Disposable {
  /** Area files the studio has unsaved edits to: building commands leave them alone. */
  readonly unsaved = new UnsavedEdits();
  /** Writes area files, for the commands and for the studio's Map panel alike. */
  readonly writer: AreaWriter;
  private readonly registered = new DisposableStore();

  constructor(engine: GameEngine) {
    const writer = (this.writer = new AreaWriter(engine, this.unsaved));
    for (const command of [...roomCommands(writer), ...thingCommands(writer), ...travelCommands(writer)]) {
      this.registered.add(engine.commands.register(command, BUILDING_OWNER));
    }
  }

  dispose(): void {
    this.registered.dispose();
  }
}
