/**
 * Which area files the studio has unsaved edits to, as the studio last
 * said: a builder command on one of them is refused, so that neither the
 * author's edits nor the builder's change overwrites the other.
 */
export class UnsavedEdits {
  private readonly byPack = new Map<string, Set<string>>();

  /** The studio's whole list for a pack (files relative to the pack folder); an empty list clears it. */
  set(packName: string, files: readonly string[]): void {
    if (files.length === 0) this.byPack.delete(packName);
    else this.byPack.set(packName, new Set(files.map((f) => f.replaceAll('\\', '/'))));
  }

  has(packName: string, file: string): boolean {
    return this.byPack.get(packName)?.has(file) ?? false;
  }

  /** Forgets everything (the studio went away). */
  clear(): void {
    this.byPack.clear();
  }
}
