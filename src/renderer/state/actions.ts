// What the studio does when the user acts or the host tells it something:
// calls the API, keeps the editor's models and the store in step.
import type { StudioClient, StudioEvent } from '../../shared/api';
import { StudioError } from '../../shared/errors';
import type { FileContent, GameEndpoint, ReloadEntry } from '../../shared/model';
import { normalizePackPath } from '../../shared/pack-paths';
import type { StudioConnection } from '../api/clients';
import { disposeModel, ensureModel, modelOf, replaceText, setTypeLibraries } from '../editor/models';
import { applyReloadMarkers } from '../editor/reload-markers';
import { applyTypeProblems, applyTypeProblemsTo } from '../editor/type-markers';
import { MapActions } from '../map/map-actions';
import { WorldActions } from '../world/world-actions';
import { Store } from './store';
import { initialState, tabKey, withLogs, withoutTab, withProblems, withReload, withTab, withTabChange, withTestRun, type StudioState } from './studio-state';
import { UnsavedFilesReporter } from './unsaved-files';

/** What the editor knows of each file it holds: the disk version it started from, and the undo point of the last save. */
interface FileBase {
  version: string;
  savedAltId: number;
}

const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err));

export class StudioActions {
  readonly store = new Store<StudioState>(initialState);
  /** The World panel: the live world's entities, the selected one followed live, its edits. */
  readonly world: WorldActions;
  /** The Map panel: the rooms of every loaded area, who stands where, exits and rooms drawn on it. */
  readonly map: MapActions;
  private readonly client: StudioClient;
  private readonly bases = new Map<string, FileBase>();
  private noticeId = 0;
  private intelliSenseStarted = false;
  /** The game's building commands must not write a file with edits here: the host hears each change of the dirty set. */
  private readonly unsaved = new UnsavedFilesReporter((pack, files) =>
    this.client.setUnsavedFiles(pack, files).catch((err) => this.notify('error', `The game could not be told about unsaved edits in ${pack}: ${messageOf(err)}`)),
  );

  constructor(private readonly connection: StudioConnection) {
    this.client = connection.client;
    this.world = new WorldActions(this.client, {
      recorded: (entry) => this.store.set((s) => withReload(s, entry)),
      notify: (kind, text) => this.notify(kind, text),
      reveal: (at) => void this.reveal(at.pack, at.path, at.line, at.column),
    });
    this.map = new MapActions(this.client, {
      showRoom: (room, pack, file, line) => {
        this.world.filter({ room });
        this.showPanel('world');
        void this.reveal(pack, file, line, 1);
      },
      notify: (kind, text) => this.notify(kind, text),
    });
  }

  /** Loads everything the panels show, then follows the host's events. */
  async start(): Promise<void> {
    this.client.subscribe((event) => this.onEvent(event));
    this.store.subscribe(() => this.unsaved.update(this.store.get().tabs));
    let wasLost = false;
    this.connection.onLinkState((link) => {
      this.store.set({ link });
      if (link === 'lost') wasLost = true;
      if (link === 'open' && wasLost) {
        // Events may have been missed meanwhile; the host may be a new one, which watches nothing yet.
        void this.resync();
        void this.world.reselect();
        void this.map.refresh();
      }
    });
    try {
      const [info] = await Promise.all([this.client.getInfo(), this.resync()]);
      this.store.set({ info });
    } catch (err) {
      this.store.set({ fatal: `The studio host cannot be reached: ${messageOf(err)}` });
      return;
    }
    // IntelliSense (every pack source as a model, the engine's declarations, the TypeScript worker) is
    // the heaviest part of starting: it waits until the first file is open (or a few seconds have
    // passed), so that file opens at once.
    setTimeout(() => this.startIntelliSense(), 3000);
  }

  private startIntelliSense(): void {
    if (this.intelliSenseStarted) return;
    this.intelliSenseStarted = true;
    const idle = (fn: () => void) => ('requestIdleCallback' in window ? window.requestIdleCallback(fn, { timeout: 1000 }) : setTimeout(fn, 200));
    idle(() => void this.loadIntelliSense());
  }

  private async resync(): Promise<void> {
    const [packs, reloads, logs, problems, testRuns, testsAfterReload] = await Promise.all([
      this.client.listPacks(),
      this.client.getReloadHistory(),
      this.client.getLog(),
      this.client.getProblems(),
      this.client.getPackTestRuns(),
      this.client.getTestsAfterReload(),
    ]);
    this.store.set((s) => ({
      packs,
      reloads,
      logs: withLogs({ ...s, logs: [] }, logs).logs ?? [],
      selectedReloadId: s.selectedReloadId ?? reloads[0]?.id,
      problems: Object.fromEntries(problems.map((p) => [p.pack, p])),
      testRuns: Object.fromEntries(testRuns.map((r) => [r.pack, r])),
      testsAfterReload,
    }));
    for (const report of problems) applyTypeProblems(report);
  }

  /** Engine declarations and every pack source, so the TypeScript service sees what the packs import. */
  private async loadIntelliSense(): Promise<void> {
    try {
      const packs = this.store.get().packs;
      const sources = await Promise.all(packs.map((p) => this.client.readPackSources(p.pack.name).catch(() => [] as FileContent[])));
      for (const file of sources.flat()) this.adopt(file);
      // A reload that failed before the studio opened still marks its file.
      const newest = new Map<string, ReloadEntry>();
      for (const entry of this.store.get().reloads) if (!newest.has(entry.packName)) newest.set(entry.packName, entry);
      for (const entry of newest.values()) applyReloadMarkers(entry);
      setTypeLibraries(await this.client.getTypeLibraries());
    } catch (err) {
      this.notify('error', `IntelliSense is limited: ${messageOf(err)}`);
    }
  }

  /** Creates the model for a file read from disk (if new) and tracks its dirty state. */
  private adopt(file: FileContent): void {
    const key = tabKey(file.pack, file.path);
    if (this.bases.has(key)) return;
    const model = ensureModel(file);
    this.bases.set(key, { version: file.version, savedAltId: model.getAlternativeVersionId() });
    // A reload that failed in this file before the file was open still marks it.
    const newest = this.store.get().reloads.find((r) => r.packName === file.pack);
    if (newest && !newest.success && newest.error?.file === file.path) applyReloadMarkers(newest);
    applyTypeProblemsTo(file.pack, file.path);
    model.onDidChangeContent(() => {
      const base = this.bases.get(key);
      const dirty = base !== undefined && model.getAlternativeVersionId() !== base.savedAltId;
      if (this.store.get().tabs.find((t) => t.key === key)?.dirty !== dirty) this.store.set((s) => withTabChange(s, key, { dirty }));
    });
  }

  private onEvent(event: StudioEvent): void {
    switch (event.type) {
      case 'reload':
        this.store.set((s) => withReload(s, event.entry));
        applyReloadMarkers(event.entry);
        this.map.onReload(event.entry);
        if (event.entry.kind === 'engine-up') {
          // The new engine's data: the entity shown (which the host watches again) and the rows in view.
          void this.world.reselect();
          void this.world.revalidate();
        }
        return;
      case 'entity':
        this.world.delta(event.delta);
        return;
      case 'map':
        this.map.delta(event.delta);
        return;
      case 'packs':
        this.store.set({ packs: event.packs });
        return;
      case 'log':
        this.store.set((s) => withLogs(s, event.entries));
        return;
      case 'file-changed':
        void this.onDiskChange(event.pack, event.path, event.version);
        return;
      case 'problems':
        this.store.set((s) => withProblems(s, event.report));
        applyTypeProblems(event.report);
        return;
      case 'tests':
        this.store.set((s) => withTestRun(s, event.run));
        return;
    }
  }

  /** Another program (or a rename) changed a file the editor holds: follow it unless the user has unsaved edits there. */
  private async onDiskChange(pack: string, path: string, version: string): Promise<void> {
    const key = tabKey(pack, path);
    const base = this.bases.get(key);
    if (!base || base.version === version) return;
    const model = modelOf(pack, path);
    if (!model) return;
    if (model.getAlternativeVersionId() !== base.savedAltId) {
      this.store.set((s) => withTabChange(s, key, { conflict: 'The file changed on disk while you were editing it.' }));
      return;
    }
    const file = await this.client.readFile({ pack, path }).catch(() => undefined);
    if (!file) return;
    replaceText(model, file.content);
    this.bases.set(key, { version: file.version, savedAltId: model.getAlternativeVersionId() });
    this.store.set((s) => withTabChange(s, key, { dirty: false, conflict: undefined }));
  }

  async openFile(pack: string, path: string): Promise<void> {
    const key = tabKey(pack, path);
    if (!this.bases.has(key)) {
      try {
        this.adopt(await this.client.readFile({ pack, path }));
      } catch (err) {
        this.notify('error', messageOf(err));
        return;
      }
    }
    this.store.set((s) => withTab(s, pack, path));
    this.startIntelliSense();
  }

  activate(key: string): void {
    this.store.set({ activeTab: key });
  }

  closeTab(key: string): void {
    this.store.set((s) => withoutTab(s, key));
  }

  /** Saves a tab (the active one by default). `overwrite` saves over a newer file on disk. */
  async save(key = this.store.get().activeTab, options: { overwrite?: boolean } = {}): Promise<boolean> {
    const tab = this.store.get().tabs.find((t) => t.key === key);
    const base = key ? this.bases.get(key) : undefined;
    const model = tab ? modelOf(tab.pack, tab.path) : null;
    if (!tab || !base || !model) return false;
    const altId = model.getAlternativeVersionId();
    try {
      const result = await this.client.saveFile({ pack: tab.pack, path: tab.path, content: model.getValue(), ...(options.overwrite ? {} : { baseVersion: base.version }) });
      this.bases.set(tab.key, { version: result.version, savedAltId: altId });
      this.store.set((s) => withTabChange(s, tab.key, { dirty: model.getAlternativeVersionId() !== altId, conflict: undefined }));
      return true;
    } catch (err) {
      if (err instanceof StudioError && err.code === 'conflict') this.store.set((s) => withTabChange(s, tab.key, { conflict: err.message }));
      else this.notify('error', `Not saved: ${messageOf(err)}`);
      return false;
    }
  }

  /** Drops the tab's edits and takes the file as it is on disk. */
  async revertToDisk(key: string): Promise<void> {
    const tab = this.store.get().tabs.find((t) => t.key === key);
    const model = tab ? modelOf(tab.pack, tab.path) : null;
    if (!tab || !model) return;
    try {
      const file = await this.client.readFile({ pack: tab.pack, path: tab.path });
      replaceText(model, file.content);
      this.bases.set(key, { version: file.version, savedAltId: model.getAlternativeVersionId() });
      this.store.set((s) => withTabChange(s, key, { dirty: false, conflict: undefined }));
    } catch (err) {
      this.notify('error', messageOf(err));
    }
  }

  async createFile(pack: string, rawPath: string): Promise<void> {
    try {
      const path = normalizePackPath(rawPath.trim());
      const result = await this.client.createFile({ pack, path, content: '' });
      this.adopt({ pack, path: result.path, content: '', version: result.version });
      this.store.set((s) => withTab(s, pack, result.path));
    } catch (err) {
      this.notify('error', messageOf(err));
    }
  }

  async renameFile(pack: string, from: string, rawTo: string): Promise<void> {
    const fromKey = tabKey(pack, from);
    if (this.store.get().tabs.find((t) => t.key === fromKey)?.dirty) {
      this.notify('error', `Save or revert ${from} before renaming it`);
      return;
    }
    try {
      const moved = await this.client.renameFile({ pack, from, to: normalizePackPath(rawTo.trim()) });
      const wasOpen = this.store.get().tabs.some((t) => t.key === fromKey);
      this.forget(pack, from);
      if (wasOpen) await this.openFile(pack, moved.path);
    } catch (err) {
      this.notify('error', messageOf(err));
    }
  }

  async deleteFile(pack: string, path: string): Promise<void> {
    try {
      await this.client.deleteFile({ pack, path });
      this.forget(pack, path);
    } catch (err) {
      this.notify('error', messageOf(err));
    }
  }

  private forget(pack: string, path: string): void {
    const key = tabKey(pack, path);
    this.store.set((s) => withoutTab(s, key));
    this.bases.delete(key);
    disposeModel(pack, path);
  }

  async reloadPack(pack: string): Promise<void> {
    try {
      const entry = await this.client.reloadPack(pack);
      this.store.set((s) => withReload(s, entry));
      applyReloadMarkers(entry);
    } catch (err) {
      this.notify('error', messageOf(err));
    }
  }

  /** Restarts the engine process; the game's sessions (the terminal's too) stay connected. */
  async restartEngine(): Promise<void> {
    try {
      this.notify('info', 'Restarting the engine; the game sessions stay connected');
      const entry = await this.client.restartEngine();
      this.store.set((s) => withReload(s, entry));
      this.notify('info', `Engine restarted in ${Math.round(entry.durationMs)} ms`);
    } catch (err) {
      this.notify('error', messageOf(err));
    }
  }

  /** Runs a pack's tests; progress and the result arrive as `tests` events. */
  async runPackTests(pack: string): Promise<void> {
    try {
      const run = await this.client.runPackTests(pack);
      this.store.set((s) => withTestRun(s, run));
    } catch (err) {
      this.notify('error', messageOf(err));
    }
  }

  async setTestsAfterReload(pack: string, on: boolean): Promise<void> {
    try {
      const testsAfterReload = await this.client.setTestsAfterReload(pack, on);
      this.store.set({ testsAfterReload });
    } catch (err) {
      this.notify('error', messageOf(err));
    }
  }

  /** Where the terminal connects to the game. */
  openGameSession(): Promise<GameEndpoint> {
    return this.client.openGameSession();
  }

  /** Opens a file at a line (a problem clicked in the Problems list). */
  async reveal(pack: string, path: string, line: number, column: number): Promise<void> {
    await this.openFile(pack, path);
    this.store.set((s) => ({ reveal: { key: tabKey(pack, path), line, column, seq: (s.reveal?.seq ?? 0) + 1 } }));
  }

  /** Undoes the edit of a timeline entry (the World panel's edits). */
  undoEdit(id: number): Promise<void> {
    return this.world.undo(id);
  }

  /** Selects a timeline entry; a reload's (not an edit's) state diff is shown in place of the World panel. */
  selectReload(id: number): void {
    const entry = this.store.get().reloads.find((r) => r.id === id);
    this.store.set({ selectedReloadId: id, ...(entry && entry.kind !== 'edit' ? { sharedPanel: 'diff' as const } : {}) });
  }

  /** The terminal's session is in this room now, as this character (its GMCP Room.Info and Char.Status): the map follows it. */
  terminalAt(change: { room?: string; character?: string }): void {
    this.store.set((s) => ({ terminal: { ...s.terminal, ...change } }));
  }

  showBottom(panel: 'log' | 'tests' | 'map'): void {
    this.store.set({ bottomPanel: panel });
  }

  showPanel(panel: 'diff' | 'world'): void {
    this.store.set({ sharedPanel: panel });
  }

  notify(kind: 'info' | 'error', text: string): void {
    const id = ++this.noticeId;
    this.store.set((s) => ({ notices: [...s.notices.slice(-4), { id, kind, text }] }));
    setTimeout(() => this.dismiss(id), kind === 'error' ? 10_000 : 4000);
  }

  dismiss(id: number): void {
    this.store.set((s) => ({ notices: s.notices.filter((n) => n.id !== id) }));
  }
}
