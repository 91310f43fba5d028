/**
 * Writes a builder's change into the area file that owns it, after checking
 * that the file on disk is the one the world was built from, that the
 * studio has no unsaved edits to it, and that the new text reads back as
 * valid content doing what was asked. Then the ordinary reload applies it:
 * the pack watcher's, or (no watcher) one asked for here.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { GameEngine } from '../engine';
import type { Entity } from '../ecs/entity';
import { digestOf, parseArea } from '../content/parse';
import type { AreaFile } from '../content/types';
import { AreaText, AreaTextError } from './area-text';
import type { UnsavedEdits } from './unsaved';

/** A builder command's change could not be written: the message says why; nothing was written. */
export class BuildError extends Error {}

export interface AreaChange {
  packName: string;
  /** Relative to the pack folder: `areas/town.yaml`. */
  file: string;
  /** The edits, on the file's text. */
  edit(text: AreaText): void;
  /** Checks the file as read back; a message when it does not hold what was asked. */
  check(area: AreaFile): string | undefined;
  /** Told to the builder once the reload put it in the world. */
  applied: string;
}

/** How long to wait for the reload of a written file before no longer telling the builder about it. */
const REPORT_WITHIN_MS = 30_000;

export class AreaWriter {
  constructor(
    private readonly engine: GameEngine,
    private readonly unsaved: UnsavedEdits,
  ) {}

  /** The file on disk of a pack's area file. */
  pathOf(packName: string, file: string): string {
    const record = this.engine.getPack(packName);
    const dir = record?.dir ?? dirname(this.engine.content.contentOf(packName)?.dir ?? '');
    return join(dir, file);
  }

  /** Writes the change, or throws a BuildError saying why not (then nothing is written); a builder (none from the studio) is told how the reload went. */
  write(change: AreaChange, builder: Entity | undefined): void {
    const { packName, file } = change;
    const loaded = this.engine.content.contentOf(packName)?.files.find((f) => f.file === file);
    if (!loaded) throw new BuildError(`${packName}/${file} is not a loaded area file.`);
    if (this.unsaved.has(packName, file)) {
      throw new BuildError(`${packName}/${file} has unsaved changes in the studio: save or revert them there first, so neither is lost.`);
    }
    if (this.engine.hotReload.isReloading(packName)) throw new BuildError(`Pack '${packName}' is reloading: try again in a moment.`);
    const path = this.pathOf(packName, file);
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (err) {
      throw new BuildError(`Cannot read ${packName}/${file}: ${(err as Error).message}`);
    }
    if (digestOf(text) !== loaded.digest) {
      throw new BuildError(`${packName}/${file} changed on disk since the world was built from it (a reload is pending or failed): try again once it loads.`);
    }
    const edited = new AreaText(text);
    try {
      change.edit(edited);
    } catch (err) {
      if (err instanceof AreaTextError) throw new BuildError(`Cannot edit ${packName}/${file}: ${err.message}.`);
      throw err;
    }
    const read = parseArea(packName, file, edited.text);
    const wrong = read.problems[0]?.message ?? (read.area ? change.check(read.area) : 'it did not read back');
    if (wrong) throw new BuildError(`The change would not read back right (${wrong}); nothing was written.`);
    writeFileSync(path, edited.text);
    if (builder) this.reportReload(packName, builder, change.applied);
    // Without a watcher on the pack, the reload a save would cause is asked for here.
    if (!this.engine.hotReload.watchedPacks.some((p) => p.name === packName)) {
      setImmediate(() => void this.engine.hotReload.reloadPack(packName, undefined, { trigger: 'api', changedFiles: [path] }));
    }
  }

  /** Tells the builder what the next reload of the pack did with the file. */
  private reportReload(packName: string, builder: Entity, applied: string): void {
    const sub = this.engine.hotReload.onReload.on((r) => {
      if (r.packName !== packName) return;
      done();
      if (r.success) this.engine.world.send(builder, applied);
      else this.engine.world.send(builder, `The reload of '${packName}' failed, so the world is as it was: ${r.error?.message ?? 'see the log'}. The file keeps the change: fix or undo it there.`);
    });
    const timer = setTimeout(() => done(), REPORT_WITHIN_MS);
    timer.unref?.();
    const done = () => {
      sub.dispose();
      clearTimeout(timer);
    };
  }
}
