/**
 * Every command line of the seed (docs: "Hot Reload for Development"), run
 * as written there, with TypeScript packs. Only where the packs and the data
 * live is set, through MAID_PACKS_DIR and MAID_DATA_DIR, so the command lines
 * stay exactly the seed's.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, removeTempDirs, runMaid, startMaid } from './maid-process';

afterAll(removeTempDirs);

const READY = 'Ctrl-C stops the server';
const words = (line: string) => line.split(' ').slice(1); // drop the leading `maid`

describe("the seed's command lines", () => {
  let root: string;
  let env: Record<string, string>;
  const packDir = (name: string) => join(root, 'packs', name);

  beforeAll(async () => {
    root = makeTempDir('maid-seed-');
    env = { MAID_PACKS_DIR: join(root, 'packs'), MAID_DATA_DIR: join(root, '.maid') };
    for (const name of ['my-content-pack', 'my-pack', 'other-pack']) {
      const made = await runMaid(['pack', 'new', name], { cwd: root, env });
      expect(made.code, made.stderr).toBe(0);
    }
    // The seed's layout has a combat system in my-content-pack.
    writeFileSync(
      join(packDir('my-content-pack'), 'src/systems/combat.ts'),
      "import { System } from '@maid/engine';\n\nexport class CombatSystem extends System {\n  override name = 'CombatSystem';\n  update(): void {}\n}\n",
    );
  }, 30_000);

  it('maid server start --watch --watch-debounce 1.0, then maid dev reload (module, pack, watch mode) against it', async () => {
    const server = startMaid(words('maid server start --watch --watch-debounce 1.0'), { cwd: root, env });
    await server.waitFor(READY);
    expect(server.lines).toContain('[INFO]   Watching 3 pack(s) (debounce 1s): my-content-pack, my-pack, other-pack');
    expect(server.lines.filter((l) => l.startsWith('[ERROR]'))).toEqual([]);

    const module = await runMaid(words('maid dev reload my_content_pack.systems.combat --type module'), { cwd: root, env });
    expect(module.code, module.stderr).toBe(0);
    expect(module.stdout).toMatch(/^\[INFO\] Successfully reloaded pack 'my-content-pack' in \d+\.\d{3}s\n$/);

    const pack = await runMaid(words('maid dev reload my-content-pack --type pack'), { cwd: root, env });
    expect(pack.code, pack.stderr).toBe(0);
    expect(pack.stdout).toMatch(/^\[INFO\] Successfully reloaded pack 'my-content-pack' in \d+\.\d{3}s\n$/);

    const watch = startMaid(words('maid dev reload my-content-pack --watch --watch-path src/'), { cwd: root, env });
    await watch.waitFor(`[INFO] Watching: my-content-pack at ${join(packDir('my-content-pack'), 'src')}`);
    await watch.waitFor('Ctrl-C stops');
    const from = watch.lines.length;
    const file = join(packDir('my-content-pack'), 'src/commands/hello.ts');
    writeFileSync(file, readFileSync(file, 'utf8').replace("'Hello from my-content-pack!'", "'Welcome to my-content-pack!'"));
    await watch.waitFor(/^\[INFO\] Successfully reloaded pack 'my-content-pack' in /, { from });
    expect(watch.lines.slice(from, from + 2)).toEqual(['[INFO] File changed: src/commands/hello.ts', '[INFO] Triggering reload for pack: my-content-pack']);
    expect((await watch.stop('SIGINT')).code).toBe(0);

    const stopped = await server.stop('SIGINT');
    expect(stopped.code).toBe(0);
    expect(server.lines).toContain('[INFO] Received SIGINT, stopping');
  }, 60_000);

  it('maid server start --watch --content my-pack --content other-pack', async () => {
    const server = startMaid(words('maid server start --watch --content my-pack --content other-pack'), { cwd: root, env });
    await server.waitFor(READY);
    expect(server.lines).toContain(`[INFO] Watching: my-pack at ${join(packDir('my-pack'), 'src')}`);
    expect(server.lines).toContain(`[INFO] Watching: other-pack at ${join(packDir('other-pack'), 'src')}`);
    expect(server.lines.join('\n')).not.toContain('my-content-pack');
    // Two new packs load side by side: their command and component names come from the pack names.
    expect(server.lines).toContain('[INFO]   my-pack v0.1.0: systems [HeartbeatSystem], commands [my-pack]');
    expect(server.lines).toContain('[INFO]   other-pack v0.1.0: systems [HeartbeatSystem], commands [other-pack]');
    expect((await server.stop('SIGINT')).code).toBe(0);
  }, 30_000);

  it('MAID_LOG_LEVEL=DEBUG maid server start --watch, and maid server start --watch --debug, log in detail', async () => {
    for (const [line, extra] of [
      ['maid server start --watch', { MAID_LOG_LEVEL: 'DEBUG' }],
      ['maid server start --watch --debug', {}],
    ] as const) {
      const server = startMaid(words(line), { cwd: root, env: { ...env, ...extra } });
      await server.waitFor(READY);
      expect(server.lines).toContainEqual(expect.stringMatching(/^\[DEBUG\] Settings: logLevel=DEBUG, /));
      expect((await server.stop('SIGINT')).code).toBe(0);
    }
  }, 40_000);

  it('maid dev shell: the engine and the packs in scope, as the seed uses them', async () => {
    const script = ['const entity = world.createEntity()', 'typeof entity.id', "(await reload('my-content-pack')).success", 'history()', '.exit'].join('\n');
    const shell = await runMaid(words('maid dev shell'), { cwd: root, env, input: `${script}\n` });
    expect(shell.code, shell.stderr).toBe(0);
    expect(shell.stdout).toContain("'string'");
    expect(shell.stdout).toContain('true');
    expect(shell.stdout).toMatch(/my-content-pack: \d+\.\d{3}s/);
  }, 30_000);
});
