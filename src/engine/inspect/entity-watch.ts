/**
 * The entities a studio is watching, and what changed on each since the
 * last tick. A component's data is compared as JSON text with what was
 * last sent, so a tick costs one stringify per component of a watched
 * entity, whatever the size of the world, and an unchanged one sends nothing.
 */
import type { World } from '../ecs/world';
import { componentView } from './entity-view';
import type { EntityDelta } from './types';

/** At most this many entities are watched at once (one per open studio window, in practice). */
export const MAX_WATCHED = 16;

function textOf(data: unknown): string {
  try {
    return JSON.stringify(data) ?? 'undefined';
  } catch {
    return `[unserialisable ${Math.random()}]`; // never equal: such data is sent every tick it exists
  }
}

export class EntityWatch {
  /** Entity id -> component name -> the JSON text last sent. */
  private readonly sent = new Map<string, Map<string, string>>();
  /** Watched entities that do not exist (told once, when they went). */
  private readonly gone = new Set<string>();

  constructor(private readonly world: World) {}

  get size(): number {
    return this.sent.size;
  }

  /** Watches these entities from now on (any others no more); the first delta of each is relative to what it holds now. */
  watch(ids: readonly string[]): void {
    const next = new Set(ids.slice(0, MAX_WATCHED));
    for (const id of this.sent.keys()) {
      if (next.has(id)) continue;
      this.sent.delete(id);
      this.gone.delete(id);
    }
    for (const id of next) if (!this.sent.has(id)) this.sent.set(id, this.baseline(id));
  }

  private baseline(id: string): Map<string, string> {
    const entity = this.world.getEntity(id);
    const texts = new Map<string, string>();
    if (!entity) {
      this.gone.add(id);
      return texts;
    }
    for (const name of entity.componentNames()) texts.set(name, textOf(entity.getByName(name)));
    return texts;
  }

  /** What changed on each watched entity since the last call; only the entities where something did. */
  deltas(tick: number): EntityDelta[] {
    if (this.sent.size === 0) return [];
    const out: EntityDelta[] = [];
    for (const [id, texts] of this.sent) {
      const entity = this.world.getEntity(id);
      if (!entity) {
        if (!this.gone.has(id)) {
          this.gone.add(id);
          out.push({ entity: id, tick, changed: [], removed: [...texts.keys()], destroyed: true });
          texts.clear();
        }
        continue;
      }
      this.gone.delete(id);
      const changed = [];
      const held = entity.componentNames();
      for (const name of held) {
        const text = textOf(entity.getByName(name));
        if (texts.get(name) === text) continue;
        texts.set(name, text);
        changed.push(componentView(this.world, entity, name));
      }
      const removed: string[] = [];
      if (texts.size > held.length) {
        for (const name of texts.keys()) if (!held.includes(name)) removed.push(name);
        for (const name of removed) texts.delete(name);
      }
      if (changed.length > 0 || removed.length > 0) out.push({ entity: id, tick, changed, removed });
    }
    return out;
  }
}
