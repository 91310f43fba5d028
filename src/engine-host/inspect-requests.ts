/**
 * The world inspector's side of the link: answers the gateway's inspect
 * requests (a page of entities, one entity, an edit, what to watch) and,
 * after each tick, sends one `entity` frame with what changed on the
 * watched entities, or nothing when nothing did.
 */
import { AdminError } from '../engine/admin';
import { InspectError, parseEdit, parseEntityId, parseListRequest, parseWatch, WorldInspector, type GameEngine } from '../engine/host';
import type { EngineFrame, InspectRequestOp } from '../link/frames';

export class InspectRequests {
  private readonly inspector: WorldInspector;

  constructor(engine: GameEngine, send: (frame: EngineFrame) => void) {
    this.inspector = new WorldInspector(engine);
    engine.afterTick.on(({ tick }) => {
      const deltas = this.inspector.watch.deltas(tick);
      if (deltas.length > 0) send({ t: 'entity', deltas });
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
      }
    } catch (err) {
      if (err instanceof InspectError) throw new AdminError(err.kind === 'not-found' ? 'not-found' : 'bad-request', err.message);
      throw err;
    }
  }
}
