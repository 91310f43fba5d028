// Which files have unsaved edits, per pack, told to the host only when a
// pack's list changes: the game's building commands refuse to write those.
import type { EditorTab } from './studio-state';

export class UnsavedFilesReporter {
  /** Each pack's list as last told (sorted paths, joined). */
  private readonly told = new Map<string, string>();

  constructor(private readonly tell: (pack: string, files: string[]) => void) {}

  /** Looks at the tabs now; tells each pack whose list of dirty files changed (an empty list when it has none left). */
  update(tabs: readonly EditorTab[]): void {
    const now = new Map<string, string[]>();
    for (const tab of tabs) if (tab.dirty) now.set(tab.pack, [...(now.get(tab.pack) ?? []), tab.path]);
    for (const pack of new Set([...now.keys(), ...this.told.keys()])) {
      const files = (now.get(pack) ?? []).sort();
      const key = files.join('\n');
      if ((this.told.get(pack) ?? '') === key) continue;
      if (files.length === 0) this.told.delete(pack);
      else this.told.set(pack, key);
      this.tell(pack, files);
    }
  }
}
