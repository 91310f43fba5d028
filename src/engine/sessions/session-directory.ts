import type { PlayerSession } from '../commands/define';
import type { Entity } from '../ecs/entity';

/**
 * Which session plays which entity. The server attaches sessions as players
 * log in; game code reaches a player with `world.send(entity, text)` and
 * never holds a session, so reloads never touch connections.
 */
export class SessionDirectory {
  private readonly byEntity = new Map<string, PlayerSession>();

  attach(entity: Entity, session: PlayerSession): void {
    this.byEntity.set(entity.id, session);
  }

  /** Detaches the entity's session, only if it is still the given one (a takeover may have replaced it). */
  detach(entity: Entity, session?: PlayerSession): void {
    if (session === undefined || this.byEntity.get(entity.id) === session) this.byEntity.delete(entity.id);
  }

  sessionOf(entityId: string): PlayerSession | undefined {
    return this.byEntity.get(entityId);
  }

  isOnline(entityId: string): boolean {
    return this.byEntity.has(entityId);
  }

  onlineIds(): string[] {
    return [...this.byEntity.keys()];
  }

  get count(): number {
    return this.byEntity.size;
  }

  /** Delivers structured data (GMCP) to the entity's player, if one is connected and takes it. */
  sendData(entityId: string, pkg: string, data: unknown): boolean {
    const session = this.byEntity.get(entityId);
    return session?.sendData ? session.sendData(pkg, data) : false;
  }

  /** Delivers text to the entity's player, if one is connected; true when delivered. */
  send(entityId: string, text: string): boolean {
    const session = this.byEntity.get(entityId);
    if (!session) return false;
    session.send(text);
    return true;
  }
}
