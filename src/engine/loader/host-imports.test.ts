import { describe, expect, it } from 'vitest';
import { findImportedName, namedImportsOf } from './host-imports';
import { transpileModule } from './transpile';

const isHost = (specifier: string) => specifier.startsWith('@maid/engine');

function namesIn(source: string): string[] {
  const unit = transpileModule('/pack/src/x.ts', source, '/pack');
  return namedImportsOf(unit.code, isHost).map((i) => `${i.specifier}:${i.name}`);
}

describe('namedImportsOf', () => {
  it('finds the names used from host modules, renamed or re-exported, once each, and nothing else', () => {
    const source = [
      "import { World, System as Base, type Settings } from '@maid/engine';",
      "import { createTestEngine } from '@maid/engine/testing';",
      "import { helper } from './helper';",
      "export { escapeMarkup } from '@maid/engine';",
      'const import_engine = 1;',
      'export class S extends Base { w = new World(); settings?: Settings; }',
      'export const again = () => new World();',
      'export const kit = () => createTestEngine();',
      'export const local = () => helper(import_engine);',
    ].join('\n');
    expect(namesIn(source).sort()).toEqual(['@maid/engine/testing:createTestEngine', '@maid/engine:System', '@maid/engine:World', '@maid/engine:escapeMarkup'].sort());
  });

  it('leaves out imports the code never uses as values, and the default of a default import', () => {
    expect(namesIn("import { GameServer } from '@maid/engine';\nimport type { Storage } from '@maid/engine';\nlet s: Storage | undefined;\nexport const t = () => s;\n")).toEqual([]);
    expect(namesIn("import maid from '@maid/engine';\nexport const m = maid;\n")).toEqual([]);
  });
});

describe('findImportedName', () => {
  it('points at the name inside its import list, on the line it is written', () => {
    const source = "import { a } from './a';\nimport {\n  World,\n  GameServer as Server,\n} from '@maid/engine';\nconst GameServer = 1;\n";
    expect(findImportedName(source, '@maid/engine', 'GameServer')).toEqual({ line: 4, column: 3, lineText: '  GameServer as Server,' });
    expect(findImportedName(source, '@maid/engine', 'Missing')).toBeUndefined();
  });
});
