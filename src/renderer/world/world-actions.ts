// What the World panel does: asks the host for pages of entities and the
// selected one, follows it live (the host pushes its deltas), and edits it.
import type { StudioClient } from '../../shared/api';
import type { EditOutcome, EntityDelta, EntityEdit, FieldPath, ReloadEntry, SourceLocation } from '../../shared/model';
import { Store } from '../state/store';
import { fieldKey, initialWorld, PAGE_SIZE, parseTyped, withDelta, type WorldState } from './world-state';

const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** Pages kept at once: those around the one in view (the others are fetched again when scrolled back to). */
const KEPT_PAGES = 6;

/** The pages nearest to `page`, at most KEPT_PAGES of them. */
function nearest(pages: WorldState['pages'], page: number): WorldState['pages'] {
  const keys = Object.keys(pages).map(Number);
  if (keys.length <= KEPT_PAGES) return pages;
  const kept = keys.sort((a, b) => Math.abs(a - page) - Math.abs(b - page)).slice(0, KEPT_PAGES);
  return Object.fromEntries(kept.map((k) => [k, pages[k]])) as WorldState['pages'];
}

export interface WorldHooks {
  /** An edit's timeline entry, to put on the timeline. */
  recorded(entry: ReloadEntry): void;
  notify(kind: 'info' | 'error', text: string): void;
  reveal(location: SourceLocation): void;
}

function newViewerId(): string {
  const random = globalThis.crypto?.randomUUID?.() ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
  return `w-${random}`;
}

export class WorldActions {
  readonly store = new Store<WorldState>(initialWorld);
  private readonly viewer = newViewerId();
  private loading = new Set<number>();

  constructor(
    private readonly client: StudioClient,
    private readonly hooks: WorldHooks,
  ) {}

  /** A new search or query: the list starts again from its first page. */
  filter(change: { search?: string; query?: string; room?: string | undefined }): void {
    this.store.set((s) => ({ ...change, pages: {}, total: undefined, listError: undefined, listSeq: s.listSeq + 1 }));
    this.loading = new Set();
    void this.loadPage(0);
  }

  /** The list again, as it is in the world now (keeps the search and query). */
  refresh(): void {
    this.filter({});
  }

  /** Fetches a page of rows unless it is there or on its way. */
  async loadPage(page: number): Promise<void> {
    const { pages, search, query, room, listSeq } = this.store.get();
    if (pages[page] || this.loading.has(page)) return;
    this.loading.add(page);
    try {
      const answer = await this.client.listEntities({ search, query, ...(room !== undefined ? { room } : {}), offset: page * PAGE_SIZE, limit: PAGE_SIZE });
      if (this.store.get().listSeq !== listSeq) return;
      this.store.set((s) => ({ total: answer.total, pages: nearest({ ...s.pages, [page]: answer.items }, page), listError: undefined }));
    } catch (err) {
      if (this.store.get().listSeq === listSeq) this.store.set({ listError: messageOf(err) });
    } finally {
      this.loading.delete(page);
    }
  }

  /** The pages shown, read again in place (entities come and go while the game runs); the scroll stays. */
  async revalidate(): Promise<void> {
    const { pages, search, query, room, listSeq } = this.store.get();
    for (const page of Object.keys(pages).map(Number)) {
      try {
        const answer = await this.client.listEntities({ search, query, ...(room !== undefined ? { room } : {}), offset: page * PAGE_SIZE, limit: PAGE_SIZE });
        if (this.store.get().listSeq !== listSeq) return;
        this.store.set((s) => ({ total: answer.total, pages: { ...s.pages, [page]: answer.items } }));
      } catch {
        return; // the engine is restarting, say: the next round tries again
      }
    }
  }

  /** Shows an entity (or none) and follows it live. */
  async select(entity: string | undefined): Promise<void> {
    this.store.set({ selected: entity, view: undefined, gone: false, refusal: undefined, flashes: {} });
    try {
      const view = await this.client.watchEntity({ viewer: this.viewer, entity: entity ?? null });
      if (this.store.get().selected === entity) this.store.set({ view: view ?? undefined });
    } catch (err) {
      if (this.store.get().selected === entity) this.store.set({ gone: true });
      this.hooks.notify('error', messageOf(err));
    }
  }

  /** The selected entity read again (a new engine came up, the page's link came back): the host watches it again too. */
  async reselect(): Promise<void> {
    const { selected } = this.store.get();
    if (selected === undefined) return;
    try {
      const view = await this.client.watchEntity({ viewer: this.viewer, entity: selected });
      if (this.store.get().selected === selected) this.store.set({ view: view ?? undefined, gone: false });
    } catch {
      if (this.store.get().selected === selected) this.store.set({ gone: true });
    }
  }

  delta(delta: EntityDelta): void {
    this.store.set((s) => withDelta(s, delta));
  }

  /** The last refusal is no longer shown (the author started again, or cancelled). */
  clearRefusal(): void {
    if (this.store.get().refusal) this.store.set({ refusal: undefined });
  }

  /** Sets a leaf from what was typed; true when the engine took it. */
  setField(component: string, path: FieldPath, text: string, current: unknown): Promise<boolean> {
    const entity = this.store.get().selected;
    if (!entity) return Promise.resolve(false);
    return this.edit({ op: 'set', entity, component, path, value: parseTyped(text, current) }, fieldKey(component, path));
  }

  addComponent(component: string): Promise<boolean> {
    const entity = this.store.get().selected;
    return entity ? this.edit({ op: 'add', entity, component }, component) : Promise.resolve(false);
  }

  removeComponent(component: string): Promise<boolean> {
    const entity = this.store.get().selected;
    return entity ? this.edit({ op: 'remove', entity, component }, component) : Promise.resolve(false);
  }

  async destroy(): Promise<boolean> {
    const entity = this.store.get().selected;
    if (!entity) return false;
    const done = await this.edit({ op: 'destroy', entity }, '');
    if (done) this.refresh();
    return done;
  }

  private async edit(edit: EntityEdit, key: string): Promise<boolean> {
    try {
      this.took(await this.client.editEntity(edit));
      this.store.set({ refusal: undefined });
      return true;
    } catch (err) {
      this.store.set({ refusal: { key, message: messageOf(err) } });
      return false;
    }
  }

  /** Undoes a timeline entry's edit. */
  async undo(entryId: number): Promise<void> {
    try {
      this.took(await this.client.undoEdit(entryId));
    } catch (err) {
      this.hooks.notify('error', `Not undone: ${messageOf(err)}`);
    }
  }

  private took(outcome: EditOutcome): void {
    this.hooks.recorded(outcome.entry);
    const { selected } = this.store.get();
    if (outcome.entry.edit?.entity !== selected) return;
    const view = outcome.view;
    if (!view) {
      this.store.set({ gone: true });
      return;
    }
    // What the edit changed flashes as a tick's change would; the view is the engine's, with what can be added now.
    const removed = (this.store.get().view?.components ?? []).map((c) => c.name).filter((n) => !view.components.some((c) => c.name === n));
    this.store.set((s) => ({ ...withDelta(s, { entity: view.id, tick: 0, changed: view.components, removed }), view, gone: false }));
  }

  async goToDefinition(pack: string, component: string): Promise<void> {
    try {
      this.hooks.reveal(await this.client.findComponentSource({ pack, component }));
    } catch (err) {
      this.hooks.notify('error', messageOf(err));
    }
  }
}
