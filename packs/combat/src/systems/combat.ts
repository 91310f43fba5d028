import { System, type Entity, type StatefulSystem, type World } from '@maid/engine';
import { capitalise, nameOf, roomKeyOf, tellRoom } from '@packs/starter-world';
import { Health } from '../components/health';
import { Npc } from '../components/npc';

/** Damage of a player's blow. */
export const BASE_DAMAGE = 10;
/** Seconds between two blows of the same fighter. */
export const ROUND_SECONDS = 2;

// Below the constants, so the line numbers the docs quote for them stay put.
import { blowDamage } from './stats';

export function damageFor(attacker: Entity): number {
  return attacker.get(Npc)?.damage ?? BASE_DAMAGE;
}

/** One fighter attacking one target, until one of them dies or leaves. */
export class Combat {
  constructor(
    readonly attackerId: string,
    readonly targetId: string,
    readonly startedAt: number,
    public rounds = 0,
  ) {}

  toDict(): Record<string, unknown> {
    return { attacker: this.attackerId, target: this.targetId, startedAt: this.startedAt, rounds: this.rounds };
  }

  static fromDict(d: Record<string, unknown>): Combat {
    return new Combat(String(d.attacker), String(d.target), Number(d.startedAt), Number(d.rounds ?? 0));
  }
}

export interface DeathEvent {
  victim: Entity;
  killer?: Entity;
  /** Where it died (the victim may be moved away by the first handler). */
  room?: string;
}

/**
 * Runs fights: every fighter whose cooldown has run out strikes its target.
 * Active combats and cooldowns survive hot reloads (captureState/restoreState).
 */
export class CombatSystem extends System implements StatefulSystem {
  override priority = 50;
  override name = 'CombatSystem';
  private activeCombats = new Map<string, Combat>();
  private cooldowns = new Map<string, number>();

  constructor(world: World) {
    super(world);
  }

  /** Starts (or retargets) a fight and strikes at once if the attacker is ready. */
  engage(attacker: Entity, target: Entity): void {
    const current = this.activeCombats.get(attacker.id);
    if (!current || current.targetId !== target.id) this.activeCombats.set(attacker.id, new Combat(attacker.id, target.id, Date.now()));
    if (target.has(Npc) && !this.activeCombats.has(target.id)) {
      this.activeCombats.set(target.id, new Combat(target.id, attacker.id, Date.now()));
      this.cooldowns.set(target.id, ROUND_SECONDS / 2);
    }
    if (this.cooldownOf(attacker) <= 0) this.strike(attacker, target);
  }

  isFighting(entity: Entity): Combat | undefined {
    return this.activeCombats.get(entity.id);
  }

  cooldownOf(entity: Entity): number {
    return this.cooldowns.get(entity.id) ?? 0;
  }

  /** Ends every fight the entity is part of. */
  disengage(entity: Entity): void {
    for (const [id, combat] of this.activeCombats) {
      if (id === entity.id || combat.targetId === entity.id) this.activeCombats.delete(id);
    }
  }

  update(delta: number): void {
    for (const [id, left] of this.cooldowns) {
      if (left - delta <= 0) this.cooldowns.delete(id);
      else this.cooldowns.set(id, left - delta);
    }
    for (const [id, combat] of this.activeCombats) {
      const attacker = this.world.getEntity(id);
      const target = this.world.getEntity(combat.targetId);
      if (!attacker || !target || !this.canFight(attacker, target)) {
        this.activeCombats.delete(id);
        continue;
      }
      if (this.cooldownOf(attacker) <= 0) this.strike(attacker, target);
    }
  }

  private canFight(attacker: Entity, target: Entity): boolean {
    const room = roomKeyOf(attacker);
    return room !== undefined && room === roomKeyOf(target) && (attacker.get(Health)?.current ?? 0) > 0 && (target.get(Health)?.current ?? 0) > 0;
  }

  private strike(attacker: Entity, target: Entity): void {
    const combat = this.activeCombats.get(attacker.id);
    if (combat) combat.rounds++;
    this.cooldowns.set(attacker.id, ROUND_SECONDS);
    // Level, weapon and armour adjust the base blow.
    const damage = blowDamage(this.world, attacker, target, damageFor(attacker));
    const health = target.update(Health, (h) => ({ current: Math.max(0, h.current - damage) }));
    const room = roomKeyOf(attacker);
    this.world.send(attacker, `You hit ${nameOf(target)} for ${damage} damage. (${nameOf(target)}: ${health.current}/${health.max})`);
    this.world.send(target, `${capitalise(nameOf(attacker))} hits you for ${damage} damage. (You: ${health.current}/${health.max})`);
    if (room) tellRoom(this.world, room, `${capitalise(nameOf(attacker))} hits ${nameOf(target)}.`, [attacker, target]);
    if (health.current <= 0) {
      this.disengage(target);
      this.world.events.emit<DeathEvent>('combat:death', { victim: target, killer: attacker, room });
    }
  }

  captureState(): Record<string, unknown> {
    return {
      active_combats: Object.fromEntries([...this.activeCombats].map(([k, v]) => [k, v.toDict()])),
      cooldowns: Object.fromEntries(this.cooldowns),
    };
  }

  restoreState(state: Record<string, unknown>): void {
    const combats = (state.active_combats ?? {}) as Record<string, Record<string, unknown>>;
    const cooldowns = (state.cooldowns ?? {}) as Record<string, number>;
    this.activeCombats = new Map(Object.entries(combats).map(([k, v]) => [k, Combat.fromDict(v)]));
    this.cooldowns = new Map(Object.entries(cooldowns).map(([k, v]) => [k, Number(v)]));
  }
}

