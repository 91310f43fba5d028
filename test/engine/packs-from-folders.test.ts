import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createTestEngine, TestPlayer } from '@maid/engine/testing';

const packsDir = fileURLToPath(new URL('../../packs/', import.meta.url));

describe('the shipped packs, loaded from their folders as the server loads them', () => {
  it('lets a player look, walk, and fight the cellar rat to its death', async () => {
    const t = await createTestEngine({ packDirs: [`${packsDir}combat`, `${packsDir}starter-world`] });
    expect(t.engine.listPacks().map((p) => [p.name, p.status])).toEqual([
      ['combat', 'loaded'],
      ['starter-world', 'loaded'],
    ]);
    const hero = TestPlayer.login(t.engine, 'Hero');
    expect(await hero.do('look')).toContain('Town Square');
    expect(await hero.do('north')).toContain('North Road');
    expect(await hero.do('east')).toContain('The Prancing Rat');
    expect(await hero.do('down')).toContain('A giant rat is here.');
    expect(await hero.do('attack rat')).toBe('You hit a giant rat for 10 damage. (a giant rat: 20/30)');
    for (let i = 0; i < 100 && !hero.transcript.includes('A giant rat dies.'); i++) await t.ticks(1);
    expect(hero.transcript).toContain('You hit a giant rat for 10 damage. (a giant rat: 0/30)');
    expect(hero.transcript).toContain('A giant rat dies.');
    expect(await hero.do('look')).not.toContain('giant rat');
    await t.stop();
  });

  it('reports a missing folder, and a pack whose code does not compile with file and line', async () => {
    const t = await createTestEngine();
    await expect(t.engine.loadPackFromPath(`${packsDir}no-such-pack`)).rejects.toThrow(`No pack folder at ${packsDir}no-such-pack`);
    const dir = mkdtempSync(join(tmpdir(), 'maid-broken-'));
    mkdirSync(join(dir, 'src'));
    writeFileSync(join(dir, 'package.json'), '{"name":"broken"}');
    writeFileSync(join(dir, 'src', 'pack.ts'), "interface A { x: number }\nexport default class {\n  manifest = { name: 'broken', version: '1.0.0' ;\n}\n");
    await expect(t.engine.loadPackFromPath(dir)).rejects.toThrow(/^Cannot load the pack in .*: (SyntaxError: )?Expected "}" but found ";" at src\/pack\.ts:3:49/);
    expect(t.engine.listPacks()).toEqual([]);
    await t.stop();
  });
});
