import { System, defineComponent } from '@maid/engine';

export const Hunger = defineComponent({ name: 'Hunger', defaults: () => ({ level: 0, perSecond: 0.01 }) });
export const Stamina = defineComponent({ name: 'Stamina', defaults: () => ({ current: 100, max: 100, perSecond: 5 }) });

/** Every creature gets hungrier every tick: each one changes, so write the whole column. */
export class HungerSystem extends System {
  override priority = 40;

  update(delta: number): void {
    const hunger = this.world.query(Hunger).write(Hunger);
    for (let i = 0; i < hunger.length; i++) {
      const h = hunger[i]!;
      h.level = Math.min(1, h.level + h.perSecond * delta);
    }
  }
}

/** Stamina comes back to the tired: most are rested, so read the column and write only the few that change. */
export class StaminaSystem extends System {
  override priority = 40;

  update(delta: number): void {
    const query = this.world.query(Stamina);
    const stamina = query.column(Stamina);
    for (let i = 0; i < stamina.length; i++) {
      const s = stamina[i]!;
      if (s.current >= s.max) continue;
      query.entities[i]!.write(Stamina).current = Math.min(s.max, s.current + s.perSecond * delta);
    }
  }
}
