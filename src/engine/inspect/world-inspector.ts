/**
 * The inspector over a running engine: lists, views and edits of its world.
 * An edit waits for the tick in flight and holds the next one while it is
 * applied, so systems never see it half done; during a reload it is refused
 * (the reload's transaction could roll it back, or migrate the data under it).
 */
import type { GameEngine } from '../engine';
import { applyEdit } from './edits';
import { listEntities } from './entity-list';
import { entityView } from './entity-view';
import { EntityWatch } from './entity-watch';
import { InspectError, type EditResult, type EntityListRequest, type EntityPage, type EntityView, type InspectEdit } from './types';

export class WorldInspector {
  readonly watch: EntityWatch;

  constructor(private readonly engine: GameEngine) {
    this.watch = new EntityWatch(engine.world);
  }

  list(request: EntityListRequest): EntityPage {
    return listEntities(this.engine.world, request);
  }

  view(id: string): EntityView {
    const entity = this.engine.world.getEntity(id);
    if (!entity) throw new InspectError('not-found', `Entity ${id} does not exist (it was destroyed, or never was)`);
    return entityView(this.engine.world, entity);
  }

  /** Applies an edit between two ticks; refused, with nothing changed, while a reload runs. */
  async edit(edit: InspectEdit): Promise<EditResult> {
    this.refuseDuringReload();
    await this.engine.tickLoop.pause();
    try {
      this.refuseDuringReload(); // a reload may have started while the tick finished
      return applyEdit(this.engine.world, edit);
    } finally {
      this.engine.tickLoop.resume();
    }
  }

  private refuseDuringReload(): void {
    const reloading = this.engine
      .listPacks()
      .filter((p) => this.engine.hotReload.isReloading(p.name))
      .map((p) => `'${p.name}'`);
    if (reloading.length > 0) {
      throw new InspectError('refused', `A reload of pack ${reloading.join(', ')} is running: the world is not edited during a reload; nothing changed, try again when it is done`);
    }
  }
}
