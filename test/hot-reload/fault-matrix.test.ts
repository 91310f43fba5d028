import { rmSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ReloadResult } from '@maid/engine';
import { Health } from '@packs/combat';
import { liveGame, type LiveGame } from './harness';

/** Line number (1-based) of the first line containing `text`. */
function lineOf(source: string, text: string): number {
  const i = source.split('\n').findIndex((l) => l.includes(text));
  if (i < 0) throw new Error(`not found: ${text}`);
  return i + 1;
}

interface Fault {
  name: string;
  /** Breaks the pack; returns the file and line the error must name. */
  breakIt(game: LiveGame): { file: string; line: number };
  phase?: string;
}

const faults: Fault[] = [
  {
    name: 'a syntax error',
    breakIt(game) {
      game.edit('src/systems/combat.ts', 'export const ROUND_SECONDS = 2;', 'export const ROUND_SECONDS = 2 +;');
      return { file: 'src/systems/combat.ts', line: lineOf(game.read('src/systems/combat.ts'), 'ROUND_SECONDS = 2 +;') };
    },
  },
  {
    name: 'an import that does not resolve',
    breakIt(game) {
      game.edit('src/commands/attack.ts', "import { Health } from '../components/health';", "import { Health } from '../components/helth';");
      return { file: 'src/commands/attack.ts', line: lineOf(game.read('src/commands/attack.ts'), "'../components/helth'") };
    },
  },
  {
    name: 'an onLoad that throws',
    breakIt(game) {
      game.edit('src/pack.ts', '    retireOldCreatures(engine.world);', "    retireOldCreatures(engine.world);\n    throw new Error('onLoad exploded');");
      return { file: 'src/pack.ts', line: lineOf(game.read('src/pack.ts'), 'onLoad exploded') };
    },
  },
  {
    name: 'a restoreState that throws',
    breakIt(game) {
      game.edit('src/systems/combat.ts', '  restoreState(state: Record<string, unknown>): void {', "  restoreState(state: Record<string, unknown>): void {\n    if (state) throw new Error('restore exploded');");
      return { file: 'src/systems/combat.ts', line: lineOf(game.read('src/systems/combat.ts'), 'restore exploded') };
    },
  },
  {
    name: 'a migration that throws half-way through the entities',
    breakIt(game) {
      game.edit('src/components/health.ts', 'version: 1,', 'version: 2,');
      game.edit(
        'src/pack.ts',
        'getMigrations() {\n    return [];\n  }',
        "getMigrations() {\n    let seen = 0;\n    return [{ component: 'Health', from: 1, to: 2, migrate: (d: object) => {\n      if (++seen === 3) throw new Error('bad data');\n      return { ...d, regen: 1 };\n    } }];\n  }",
      );
      return { file: 'src/pack.ts', line: lineOf(game.read('src/pack.ts'), "throw new Error('bad data')") };
    },
  },
  {
    name: 'a manifest that loses its name',
    breakIt(game) {
      game.edit('src/pack.ts', "manifest = { name: 'combat', ", 'manifest = { ');
      return { file: 'src/pack.ts', line: lineOf(game.read('src/pack.ts'), 'manifest = {') };
    },
  },
  {
    name: 'a deleted file',
    breakIt(game) {
      rmSync(game.file('src/systems/respawn.ts'));
      // pack.ts is the first module to import it.
      return { file: 'src/pack.ts', line: lineOf(game.read('src/pack.ts'), "from './systems/respawn'") };
    },
  },
  {
    name: 'a file truncated to zero bytes',
    breakIt(game) {
      game.write('src/systems/vitals.ts', '');
      return { file: 'src/systems/vitals.ts', line: 1 };
    },
  },
];

describe('a reload that fails at any step rolls back to the previous version', () => {
  for (const fault of faults) {
    it(`${fault.name}: old version keeps serving, data intact, result names file and line; fixing it reloads`, async () => {
      const game = await liveGame({ debounce: 0.2 });
      const originals = new Map(['src/systems/combat.ts', 'src/commands/attack.ts', 'src/pack.ts', 'src/components/health.ts', 'src/systems/respawn.ts', 'src/systems/vitals.ts'].map((f) => [f, game.read(f)]));
      await game.hero.do('attack rat');
      const health = () => game.engine.world.query(Health).entities.map((e) => [e.id, structuredClone(e.get(Health))]);
      const combat = () => game.engine.findSystem<{ captureState(): object }>('combat', 'CombatSystem')?.captureState();
      const dataBefore = health();
      const stateBefore = combat();
      const commandsBefore = game.engine.commands.listOf('combat').map((c) => c.command.name);

      const failed = game.nextReload();
      const expected = fault.breakIt(game);
      const result: ReloadResult = await failed;
      expect(result).toMatchObject({ packName: 'combat', success: false, rolledBack: true, trigger: 'file' });
      expect(result.error).toMatchObject({ file: expected.file, line: expected.line });
      const where = `${expected.file}:${expected.line}`;
      expect(game.log.lines().some((l) => l.startsWith("[ERROR] Failed to reload pack 'combat': ") && l.includes(where) && l.endsWith('rolled back to the previous version'))).toBe(true);

      // The previous version still serves, with its data and state exactly as they were.
      expect(game.engine.getPack('combat')?.status).toBe('loaded');
      expect(health()).toEqual(dataBefore);
      expect(combat()).toEqual(stateBefore);
      expect(game.engine.commands.listOf('combat').map((c) => c.command.name)).toEqual(commandsBefore);
      expect(await game.hero.do('hp')).toBe('Health: 100/100');
      await game.ticks(25);
      expect(game.hero.transcript).toContain('You hit a giant rat for 10 damage. (a giant rat: 10/30)');

      // Fix the file: the next save reloads successfully.
      const fixed = game.nextReload();
      for (const [file, content] of originals) game.write(file, content);
      const ok = await fixed;
      expect(ok).toMatchObject({ success: true, rolledBack: false });
      expect(game.engine.getPack('combat')?.status).toBe('loaded');
      expect(await game.hero.do('hp')).toMatch(/^Health: \d+\/100$/);
      await game.stop();
    });
  }
});
