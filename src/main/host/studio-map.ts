/**
 * The Map panel's side of the studio host: the map, the windows that show
 * one, and the map's edits. The engine follows markers only while some
 * window shows a map; it is told again whenever a new engine comes up, so an
 * open map keeps moving across restarts.
 */
import type { InspectRequestOp, LinkMarkerDelta } from '../../link/frames';
import type { MapEdit, MapEditResult, MapWatchRequest, WorldMap } from '../../shared/model';

/** How many windows' maps are kept; the oldest goes first. */
const MAX_VIEWERS = 16;

export interface StudioMapOptions {
  ask(op: InspectRequestOp, body?: unknown): Promise<unknown>;
  /** A tick's marker delta, to be told to the renderers. */
  moved(delta: LinkMarkerDelta): void;
  warn(message: string): void;
}

export class StudioMap {
  private readonly viewers = new Set<string>();

  constructor(private readonly options: StudioMapOptions) {}

  get open(): boolean {
    return this.viewers.size > 0;
  }

  get(): Promise<WorldMap> {
    return this.options.ask('inspect-map') as Promise<WorldMap>;
  }

  async watch(request: MapWatchRequest): Promise<WorldMap | null> {
    this.viewers.delete(request.viewer);
    if (request.open) this.viewers.add(request.viewer);
    while (this.viewers.size > MAX_VIEWERS) this.viewers.delete(this.viewers.values().next().value as string);
    const map = (await this.options.ask('inspect-map-watch', { open: this.open })) as WorldMap | null;
    return request.open ? map : null;
  }

  edit(edit: MapEdit): Promise<MapEditResult> {
    return this.options.ask('inspect-map-edit', edit) as Promise<MapEditResult>;
  }

  /** A new engine serves (after a restart): it follows markers if a map is open. */
  engineUp(): void {
    if (!this.open) return;
    this.options.ask('inspect-map-watch', { open: true }).catch((err: unknown) => this.options.warn(`Studio: the Map panel could not follow the world again after the restart: ${String(err)}`));
  }

  delta(delta: LinkMarkerDelta): void {
    if (this.open) this.options.moved(delta);
  }
}
