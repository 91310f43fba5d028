/**
 * The World panel's side of the studio host: pages of entities, one
 * entity, edits with their undo, and the entities the windows watch. Every
 * question goes to the engine process as an inspect request; each edit lands
 * on the timeline as an `edit` entry, and its inverse is kept here, by entry,
 * so undo works from the timeline. The watch list is sent again whenever a
 * new engine comes up, so a window keeps following its entity across restarts.
 */
import type { EditResult, InspectEdit } from '../../engine/host';
import type { InspectRequestOp, LinkEntityDelta } from '../../link/frames';
import { StudioError } from '../../shared/errors';
import type { EditOutcome, EntityEdit, EntityListRequest, EntityPage, EntityView, ReloadEntry, WatchRequest } from '../../shared/model';
import type { ReloadTimeline } from '../api/reload-entries';

/** How many windows' watches are kept; the oldest goes first. */
const MAX_VIEWERS = 16;
/** How many undoable edits are kept (the timeline keeps 500 entries). */
const MAX_UNDOS = 500;

export interface StudioWorldOptions {
  ask(op: InspectRequestOp, body?: unknown): Promise<unknown>;
  timeline: ReloadTimeline;
  /** A new timeline entry, to be told to the renderers. */
  recorded(entry: ReloadEntry): void;
  /** A watched entity's delta, to be told to the renderers. */
  changed(delta: LinkEntityDelta): void;
  warn(message: string): void;
}

export class StudioWorld {
  private readonly viewers = new Map<string, string>();
  private readonly undos = new Map<number, InspectEdit>();

  constructor(private readonly options: StudioWorldOptions) {}

  list(request: EntityListRequest): Promise<EntityPage> {
    return this.options.ask('inspect-list', request) as Promise<EntityPage>;
  }

  view(entity: string): Promise<EntityView> {
    return this.options.ask('inspect-view', { entity }) as Promise<EntityView>;
  }

  edit(edit: EntityEdit): Promise<EditOutcome> {
    return this.apply(edit, undefined);
  }

  /** Applies the inverse of an edit entry; the original is marked undone by the new entry. */
  async undo(entryId: number): Promise<EditOutcome> {
    const entry = this.options.timeline.get(entryId);
    if (!entry || entry.kind !== 'edit') throw new StudioError('not-found', `Timeline entry #${entryId} is not an edit of the world`);
    if (entry.edit?.undoneBy !== undefined) throw new StudioError('conflict', `Edit #${entryId} was undone already (by #${entry.edit.undoneBy})`);
    const inverse = this.undos.get(entryId);
    if (!inverse) throw new StudioError('not-found', `Edit #${entryId} can no longer be undone (only the newest ${MAX_UNDOS} edits keep their undo)`);
    const outcome = await this.apply(inverse, entryId);
    this.undos.delete(entryId);
    this.options.timeline.markUndone(entryId, outcome.entry.id);
    return outcome;
  }

  private async apply(edit: InspectEdit, undoOf: number | undefined): Promise<EditOutcome> {
    const began = performance.now();
    const result = (await this.options.ask('inspect-edit', edit)) as EditResult;
    const what = undoOf === undefined ? result.summary : `Undo of #${undoOf}: ${result.summary}`;
    const entry = this.options.timeline.addEdit(what, result.pack, { entity: result.entity, ...(undoOf !== undefined ? { undoOf } : {}) }, performance.now() - began);
    this.undos.set(entry.id, result.inverse);
    if (this.undos.size > MAX_UNDOS) this.undos.delete(this.undos.keys().next().value as number);
    this.options.recorded(entry);
    return { entry, ...(result.view ? { view: result.view as EntityView } : {}) };
  }

  /** This window shows this entity now (or none): the engine watches every window's entity. */
  async watch(request: WatchRequest): Promise<EntityView | null> {
    this.viewers.delete(request.viewer);
    if (request.entity !== null) this.viewers.set(request.viewer, request.entity);
    while (this.viewers.size > MAX_VIEWERS) this.viewers.delete(this.viewers.keys().next().value as string);
    await this.sendWatches();
    return request.entity === null ? null : this.view(request.entity);
  }

  /** A new engine serves (after a restart): it watches what the old one did. */
  engineUp(): void {
    if (this.viewers.size === 0) return;
    this.sendWatches().catch((err: unknown) => this.options.warn(`Studio: the World panel could not watch again after the restart: ${String(err)}`));
  }

  private async sendWatches(): Promise<void> {
    await this.options.ask('inspect-watch', { entities: [...new Set(this.viewers.values())] });
  }

  /** The engine's deltas for this tick. */
  deltas(deltas: readonly LinkEntityDelta[]): void {
    for (const delta of deltas) this.options.changed(delta);
  }
}
