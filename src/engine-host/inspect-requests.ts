/**
 * The world inspector's side of the link: answers the gateway's inspect
 * requests (a page of entities, one entity, an edit, what to watch; the
 * map, whether one is open, a map edit) and, after each tick, sends one
 * `entity` frame with what changed on the watched entities and, while a map
 * is open, one `map` frame with the markers that moved, or nothing when
 * nothing did.
 */
import { AdminError } from '../engine/admin';
import { BuildError, type AreaWriter } from '../engine/building';
import { applyMapEdit, InspectError, MarkerWatch, parseEdit, parseEntityId, parseListRequest, parseMapEdit, parseMapWatch, parseWatch, worldMap, WorldInspector, type GameEngine } from '../engine/host';
import type { EngineFrame, InspectRequestOp } from '../link/frames';

export class InspectRequests {
  private readonly inspector: WorldInspector;
  private readonly markers: MarkerWatch;

  constructor(
    private readonly engine: GameEngine,
    send: (frame: EngineFrame) => void,
    /** The area writer the builder commands use (the map's edits write as they do). */
    private readonly writer: () => AreaWriter,
  ) {
    this.inspector = new WorldInspector(engine);
    this.markers = new MarkerWatch(engine);
    engine.afterTick.on(({ tick }) => {
      const deltas = this.inspector.watch.deltas(tick);
      if (deltas.length > 0) send({ t: 'entity', deltas });
      const moved = this.markers.delta(tick);
      if (moved) send({ t: 'map', delta: moved });
    });
  }

  static handles(op: string): op is InspectRequestOp {
    return op.startsWith('inspect-');
  }

  /** The answer to one request; a refusal is an AdminError the gateway passes on with its message. */
  async answer(op: InspectRequestOp, body: unknown): Promise<unknown> {
    try {
      switch (op) {
        case 'inspect-list':
          return this.inspector.list(parseListRequest(body));
        case 'inspect-view':
          return this.inspector.view(parseEntityId(body));
        case 'inspect-edit':
          return await this.inspector.edit(parseEdit(body));
        case 'inspect-watch': {
          const ids = parseWatch(body);
          this.inspector.watch.watch(ids);
          return { watching: ids.length };
        }
        case 'inspect-map':
          return worldMap(this.engine);
        case 'inspect-map-watch': {
          const open = parseMapWatch(body);
          this.markers.setOpen(open);
          return open ? worldMap(this.engine) : null;
        }
        case 'inspect-map-edit':
          return applyMapEdit(this.engine, this.writer(), parseMapEdit(body));
      }
    } catch (err) {
      if (err instanceof InspectError) throw new AdminError(err.kind === 'not-found' ? 'not-found' : 'bad-request', err.message);
      if (err instanceof BuildError) throw new AdminError('bad-request', err.message);
      throw err;
    }
  }
}
