import type { StudioApi } from '../../shared/api';
import type {
  CreateRequest,
  EditOutcome,
  EntityEdit,
  EntityListRequest,
  EntityPage,
  EntityView,
  MapEdit,
  MapEditResult,
  MapWatchRequest,
  WorldMap,
  SourceLocation,
  WatchRequest,
  FileContent,
  FileRef,
  GameEndpoint,
  LogEntry,
  PackProblems,
  PackTestRun,
  PackTree,
  ReloadEntry,
  RenameRequest,
  SaveRequest,
  SaveResult,
  StudioInfo,
  TypeLibrary,
} from '../../shared/model';
import { componentSource } from '../host/component-source';
import { StudioError } from '../../shared/errors';
import type { StudioHost } from '../host/studio-host';

/** The studio version shown in the title bar. */
export const STUDIO_VERSION = '0.1.0';

/**
 * The studio API implemented on the host. Arguments arrive already checked
 * (src/shared/validation.ts via dispatch); file access goes through PackFiles,
 * which confines it to the pack folders.
 */
export class StudioService implements StudioApi {
  constructor(private readonly host: StudioHost) {}

  async getInfo(): Promise<StudioInfo> {
    return {
      studioVersion: STUDIO_VERSION,
      mode: this.host.mode,
      packsDir: this.host.settings.packsDir,
      watchDebounceMs: Math.round(this.host.settings.watchDebounce * 1000),
      game: this.host.gameEndpoint,
    };
  }

  listPacks(): Promise<PackTree[]> {
    return this.host.packTrees();
  }

  readFile(ref: FileRef): Promise<FileContent> {
    return this.host.files.read(ref);
  }

  readPackSources(pack: string): Promise<FileContent[]> {
    return this.host.files.sources(pack);
  }

  async saveFile(request: SaveRequest): Promise<SaveResult> {
    const result = await this.host.files.save(request);
    this.host.logger.debug(`Studio saved ${result.pack}/${result.path} (${result.bytes} bytes)`);
    return result;
  }

  async createFile(request: CreateRequest): Promise<SaveResult> {
    const result = await this.host.files.create(request);
    this.host.logger.info(`Studio created ${result.pack}/${result.path}`);
    return result;
  }

  async renameFile(request: RenameRequest): Promise<FileRef> {
    const result = await this.host.files.rename(request);
    this.host.logger.info(`Studio renamed ${request.pack}/${request.from} to ${result.path}`);
    return result;
  }

  async deleteFile(ref: FileRef): Promise<null> {
    await this.host.files.remove(ref);
    this.host.logger.info(`Studio deleted ${ref.pack}/${ref.path}`);
    return null;
  }

  reloadPack(pack: string): Promise<ReloadEntry> {
    this.host.announcePacks();
    return this.host.reloadPack(pack);
  }

  restartEngine(): Promise<ReloadEntry> {
    return this.host.restartEngine();
  }

  async runPackTests(pack: string): Promise<PackTestRun> {
    const tests = this.tests();
    await this.host.packTrees(); // the pack's folder as the engine lists it now
    try {
      return await tests.run(pack);
    } catch (err) {
      throw new StudioError('not-found', err instanceof Error ? err.message : String(err));
    }
  }

  async getPackTestRuns(): Promise<PackTestRun[]> {
    return this.host.tests?.runs() ?? [];
  }

  async setTestsAfterReload(pack: string, on: boolean): Promise<string[]> {
    return this.tests().setAfterReload(pack, on);
  }

  async getTestsAfterReload(): Promise<string[]> {
    return this.host.tests?.afterReloadPacks() ?? [];
  }

  async setUnsavedFiles(pack: string, files: string[]): Promise<null> {
    await this.host.setUnsaved(pack, files);
    return null;
  }

  private tests() {
    if (!this.host.tests) throw new StudioError('internal', 'The studio runs tests only from a checkout of MAID (it runs its bin/maid.mjs)');
    return this.host.tests;
  }

  async getReloadHistory(): Promise<ReloadEntry[]> {
    return this.host.timeline.newestFirst();
  }

  async getLog(): Promise<LogEntry[]> {
    return this.host.logs.all();
  }

  getTypeLibraries(): Promise<TypeLibrary[]> {
    return this.host.engineTypes();
  }

  async openGameSession(): Promise<GameEndpoint> {
    return this.host.gameEndpoint;
  }

  async getProblems(): Promise<PackProblems[]> {
    return this.host.problems();
  }

  listEntities(request: EntityListRequest): Promise<EntityPage> {
    return this.host.world.list(request);
  }

  inspectEntity(entity: string): Promise<EntityView> {
    return this.host.world.view(entity);
  }

  editEntity(edit: EntityEdit): Promise<EditOutcome> {
    return this.host.world.edit(edit);
  }

  undoEdit(entryId: number): Promise<EditOutcome> {
    return this.host.world.undo(entryId);
  }

  watchEntity(request: WatchRequest): Promise<EntityView | null> {
    return this.host.world.watch(request);
  }

  getMap(): Promise<WorldMap> {
    return this.host.map.get();
  }

  watchMap(request: MapWatchRequest): Promise<WorldMap | null> {
    return this.host.map.watch(request);
  }

  editMap(edit: MapEdit): Promise<MapEditResult> {
    return this.host.map.edit(edit);
  }

  findComponentSource(request: { pack: string; component: string }): Promise<SourceLocation> {
    return componentSource((pack) => this.host.files.sources(pack), request.pack, request.component);
  }
}
