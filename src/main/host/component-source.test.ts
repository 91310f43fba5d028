import { describe, expect, it } from 'vitest';
import { findDefinition } from './component-source';

const file = (path: string, content: string) => ({ pack: 'p', path, content, version: '0' });

describe('go to definition', () => {
  it("finds the defineComponent call that names the component, in the pack's sources before its tests", () => {
    const files = [
      file('tests/fake.test.ts', "const Health = defineComponent({ name: 'Health', defaults: () => ({}) });"),
      file('src/a.ts', "import x from 'y';\n\nexport const Mana = defineComponent({\n  name: 'Mana',\n});\nexport const Health = defineComponent<{ current: number }>({\n  // hit points\n  name: \"Health\",\n});"),
    ];
    expect(findDefinition(files, 'Health')).toEqual({ pack: 'p', path: 'src/a.ts', line: 6, column: 23 });
    expect(findDefinition(files, 'Mana')).toMatchObject({ line: 3 });
    expect(findDefinition(files, 'Stamina')).toBeUndefined();
  });
});
