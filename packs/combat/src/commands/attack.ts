import { UsageError, defineCommand, type GameEngine } from '@maid/engine';
import { findHere, nameOf } from '@packs/starter-world';
import { Health } from '../components/health';
import type { CombatSystem } from '../systems/combat';

/** The running CombatSystem (looked up by name, so it is always the current version). */
export function combatSystem(engine: GameEngine): CombatSystem | undefined {
  return engine.findSystem<CombatSystem>('combat', 'CombatSystem');
}

export const attack = defineCommand({
  name: 'attack',
  aliases: ['kill', 'k'],
  usage: 'attack <target>',
  help: 'Start fighting someone or something',
  category: 'combat',
  handler({ actor, args, world, engine, session }) {
    if (args.length === 0) throw new UsageError('Attack whom? Usage: attack <target>');
    const target = findHere(world, actor, args.join(' '));
    if (!target) {
      session.send(`You don't see '${args.join(' ')}' here.`);
      return;
    }
    if (target === actor) {
      session.send('You think better of it.');
      return;
    }
    const health = target.get(Health);
    if (!health || health.current <= 0) {
      session.send(`You can't attack ${nameOf(target)}.`);
      return;
    }
    const system = combatSystem(engine);
    if (!system) {
      session.send('Nobody can fight right now.');
      return;
    }
    const fight = system.isFighting(actor);
    if (fight?.targetId === target.id && system.cooldownOf(actor) > 0) {
      session.send(`You are already fighting ${nameOf(target)}!`);
      return;
    }
    system.engage(actor, target);
  },
});

export const healthCommand = defineCommand({
  name: 'health',
  aliases: ['hp'],
  help: 'Show your health',
  category: 'combat',
  handler({ actor, session }) {
    const h = actor.get(Health);
    session.send(h ? `Health: ${h.current}/${h.max}` : 'You feel nothing at all.');
  },
});

export const flee = defineCommand({
  name: 'flee',
  help: 'Stop fighting',
  category: 'combat',
  handler({ actor, engine, session }) {
    const system = combatSystem(engine);
    if (!system?.isFighting(actor)) {
      session.send('You are not fighting anyone.');
      return;
    }
    system.disengage(actor);
    session.send('You break off the fight.');
  },
});
