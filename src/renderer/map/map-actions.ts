// What the Map panel does: asks the host for the map while it is shown,
// folds the players' and NPCs' moves into it, reads it again after each
// reload (a saved area file), and writes what is drawn on it.
import type { StudioClient } from '../../shared/api';
import type { MapEdit, MarkerDelta, ReloadEntry } from '../../shared/model';
import { Store } from '../state/store';
import { layoutMap } from './layout';
import { initialMap, withMap, withMarkerDelta, type MapState } from './map-state';

const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err));

export interface MapHooks {
  /** A room clicked: list what stands there in the World panel, and open its entry in the editor. */
  showRoom(room: string, pack: string, file: string, line: number): void;
  notify(kind: 'info' | 'error', text: string): void;
}

function newViewerId(): string {
  const random = globalThis.crypto?.randomUUID?.() ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
  return `m-${random}`;
}

export class MapActions {
  readonly store = new Store<MapState>(initialMap);
  private readonly viewer = newViewerId();
  private shown = false;
  /** Bumped by each read of the map, so an older answer never replaces a newer one. */
  private seq = 0;

  constructor(
    private readonly client: StudioClient,
    private readonly hooks: MapHooks,
  ) {}

  /** The panel became visible (or hidden): the host follows markers only while a map is shown. */
  async setShown(shown: boolean): Promise<void> {
    if (this.shown === shown) return;
    this.shown = shown;
    const seq = ++this.seq;
    try {
      const map = await this.client.watchMap({ viewer: this.viewer, open: shown });
      if (map && seq === this.seq) await this.show(map, seq);
    } catch (err) {
      if (seq === this.seq) this.store.set({ error: `The map cannot be read: ${messageOf(err)}` });
    }
  }

  /** Reads the map again (a reload changed an area, a new engine came up, the link came back). */
  async refresh(): Promise<void> {
    if (!this.shown) return;
    const seq = ++this.seq;
    try {
      // watchMap again, not getMap: a new host or engine follows markers only once told a map is open.
      const map = await this.client.watchMap({ viewer: this.viewer, open: true });
      if (map && seq === this.seq) await this.show(map, seq);
    } catch (err) {
      if (seq === this.seq) this.store.set({ error: `The map cannot be read: ${messageOf(err)}` });
    }
  }

  private async show(map: Parameters<typeof withMap>[0], seq: number): Promise<void> {
    const layout = await layoutMap(map.rooms);
    if (seq === this.seq) this.store.set({ ...withMap(map), layout });
  }

  onReload(entry: ReloadEntry): void {
    if (entry.kind === 'engine-up' || ((entry.kind ?? 'reload') === 'reload' && entry.success)) void this.refresh();
  }

  delta(delta: MarkerDelta): void {
    if (this.shown) this.store.set((s) => withMarkerDelta(s, delta));
  }

  setLevel(level: number | undefined): void {
    this.store.set({ level });
  }

  selectRoom(key: string): void {
    this.store.set({ selected: key });
    const room = this.store.get().rooms.find((r) => r.key === key);
    if (room) this.hooks.showRoom(room.key, room.pack, room.file, room.line);
  }

  /** An exit drawn from one room to another: its direction is picked next (the one the map suggests first). */
  startExit(from: string, to: string, direction: string): void {
    this.store.set({ drawing: { from, to, direction }, outcome: undefined });
  }

  cancelExit(): void {
    this.store.set({ drawing: undefined });
  }

  /** Writes an exit or a room; the outcome (or the refusal, with its reason) is shown on the panel. */
  async edit(edit: MapEdit): Promise<boolean> {
    try {
      const done = await this.client.editMap(edit);
      this.store.set({ outcome: { ok: true, text: `${done.summary}; the map shows it once the reload applies it.` }, drawing: undefined, ...(done.room ? { selected: done.room } : {}) });
      return true;
    } catch (err) {
      const text = `Not written: ${messageOf(err)}`;
      this.store.set({ outcome: { ok: false, text } });
      this.hooks.notify('error', text);
      return false;
    }
  }
}
