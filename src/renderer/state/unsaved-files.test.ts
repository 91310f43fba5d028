import { describe, expect, it } from 'vitest';
import type { EditorTab } from './studio-state';
import { UnsavedFilesReporter } from './unsaved-files';

const tab = (pack: string, path: string, dirty: boolean): EditorTab => ({ key: `${pack}/${path}`, pack, path, dirty });

describe('UnsavedFilesReporter', () => {
  it("tells the host a pack's whole list of dirty files when it changes, and the empty list when the last is saved", () => {
    const told: [string, string[]][] = [];
    const r = new UnsavedFilesReporter((pack, files) => told.push([pack, files]));
    r.update([tab('riverbank', 'areas/riverbank.yaml', false)]);
    expect(told).toEqual([]);
    r.update([tab('riverbank', 'areas/riverbank.yaml', true), tab('combat', 'src/pack.ts', false)]);
    r.update([tab('riverbank', 'areas/riverbank.yaml', true), tab('combat', 'src/pack.ts', false)]);
    r.update([tab('riverbank', 'areas/riverbank.yaml', true), tab('riverbank', 'areas/a.yaml', true)]);
    r.update([tab('riverbank', 'areas/riverbank.yaml', false), tab('riverbank', 'areas/a.yaml', false)]);
    expect(told).toEqual([
      ['riverbank', ['areas/riverbank.yaml']],
      ['riverbank', ['areas/a.yaml', 'areas/riverbank.yaml']],
      ['riverbank', []],
    ]);
  });
});
