/**
 * The files of a new pack, in the seed's layout: the pack, one component,
 * one stateful system, one command, its tests, package.json and a
 * tsconfig.json that lets an editor resolve `@maid/engine`. Every file
 * works as written: the pack loads, passes its tests and hot-reloads.
 */
export interface PackTemplateInput {
  name: string;
  className: string;
  /** Component names are global: `MyPackVisits`, so two new packs do not clash. */
  componentName: string;
  /** The command players type (command words are global too). */
  command: string;
  /** From the pack folder to the engine's repository, '/'-separated: `../..`, or absolute for a pack outside it. */
  engineRoot: string;
}

const json = (value: unknown) => JSON.stringify(value, null, 2) + '\n';

export function packFiles(input: PackTemplateInput): Record<string, string> {
  const { name, className, componentName, command, engineRoot } = input;
  return {
    'package.json': json({
      name: `@packs/${name}`,
      version: '0.1.0',
      private: true,
      description: `The ${name} content pack`,
      type: 'module',
      main: 'src/pack.ts',
    }),

    'tsconfig.json': json({
      extends: `${engineRoot}/tsconfig.json`,
      compilerOptions: {
        baseUrl: '.',
        paths: {
          '@maid/engine': [`${engineRoot}/src/engine/index.ts`],
          '@maid/engine/testing': [`${engineRoot}/src/engine/testing/index.ts`],
          '@packs/*': ['../*/src/pack.ts'], // the packs beside this one
          vitest: [`${engineRoot}/node_modules/vitest`],
        },
        typeRoots: [`${engineRoot}/node_modules/@types`],
      },
      include: ['src', 'tests'],
    }),

    'src/pack.ts': `import type { ContentPack, World } from '@maid/engine';
import { Visits } from './components/visits';
import { HeartbeatSystem } from './systems/heartbeat';
import { hello } from './commands/hello';

export default class ${className} implements ContentPack {
  manifest = { name: '${name}', version: '0.1.0', description: 'A new pack: edit me and save', dependencies: [] };

  getComponents() {
    return [Visits];
  }

  getSystems(world: World) {
    return [new HeartbeatSystem(world)];
  }

  getCommands() {
    return [hello];
  }
}
`,

    'src/components/visits.ts': `import { defineComponent } from '@maid/engine';

/** How many times a player has said hello. Raise \`version\` (and add a migration) when the shape changes. */
export const Visits = defineComponent({
  name: '${componentName}',
  version: 1,
  defaults: () => ({ count: 0 }),
});
`,

    'src/systems/heartbeat.ts': `import { System, type StatefulSystem, type World } from '@maid/engine';

/**
 * Counts the seconds the pack has been running. Its state lives in memory
 * only, and survives hot reloads because it is a StatefulSystem.
 */
export class HeartbeatSystem extends System implements StatefulSystem {
  override priority = 100;
  override name = 'HeartbeatSystem';
  seconds = 0;

  constructor(world: World) {
    super(world);
  }

  update(delta: number): void {
    this.seconds += delta;
  }

  captureState(): Record<string, unknown> {
    return { seconds: this.seconds };
  }

  restoreState(state: Record<string, unknown>): void {
    this.seconds = Number(state.seconds ?? 0);
  }
}
`,

    'src/commands/hello.ts': `import { defineCommand } from '@maid/engine';
import { Visits } from '../components/visits';
import type { HeartbeatSystem } from '../systems/heartbeat';

/** What the command answers. Change it, save, and type \`${command}\` again. */
export const GREETING = 'Hello from ${name}!';

export const hello = defineCommand({
  name: '${command}',
  help: 'Say hello to the ${name} pack',
  handler({ actor, engine, session }) {
    const count = (actor.get(Visits)?.count ?? 0) + 1;
    if (actor.has(Visits)) actor.set(Visits, { count });
    else actor.add(Visits, { count });
    const heartbeat = engine.findSystem<HeartbeatSystem>('${name}', 'HeartbeatSystem');
    session.send(\`\${GREETING} (hello number \${count}; the pack has run for \${Math.floor(heartbeat?.seconds ?? 0)}s)\`);
  },
});
`,

    'tests/pack.test.ts': `import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkPackContract, checkPackLifecycle, createTestEngine, TestPlayer } from '@maid/engine/testing';
import ${className} from '../src/pack';
import { GREETING } from '../src/commands/hello';

const packDir = fileURLToPath(new URL('..', import.meta.url));

describe('${name} pack', () => {
  it('follows the pack protocol', () => {
    checkPackContract(new ${className}());
  });

  it('loads, ticks and unloads leaving nothing behind', async () => {
    await checkPackLifecycle(() => new ${className}(), { cycles: 2 });
  });

  it('answers its command and counts the visits', async () => {
    const t = await createTestEngine({ packs: [new ${className}()] });
    const player = TestPlayer.login(t.engine, 'Tester');
    expect(await player.do('${command}')).toContain(\`\${GREETING} (hello number 1;\`);
    expect(await player.do('${command}')).toContain('hello number 2;');
    await t.stop();
  });

  it('keeps its state across a hot reload from its folder', async () => {
    const t = await createTestEngine({ packDirs: [packDir] });
    await t.ticks(20, 0.1);
    const result = await t.engine.hotReload.reloadPack('${name}');
    expect(result.success).toBe(true);
    const heartbeat = t.engine.findSystem<{ seconds: number }>('${name}', 'HeartbeatSystem');
    expect(heartbeat?.seconds).toBeCloseTo(2);
    await t.stop();
  });
});
`,
  };
}
