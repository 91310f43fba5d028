import { toDisposable, type Disposable } from '../core/disposable';
import { PackError } from '../core/errors';
import type { Command } from './define';

export interface CommandEntry {
  readonly command: Command;
  readonly packName: string;
}

/** Command words (names and aliases) to commands, each word owned by one pack. */
export class CommandRegistry {
  private readonly byWord = new Map<string, CommandEntry>();
  private readonly entries = new Set<CommandEntry>();

  /** Registers a command; a word already taken is an error naming both packs. */
  register(command: Command, packName: string): Disposable {
    const words = [command.name, ...command.aliases];
    for (const word of words) {
      const taken = this.byWord.get(word);
      if (taken) {
        const what = word === command.name ? `Command "${word}"` : `Alias "${word}" of command "${command.name}"`;
        throw new PackError(
          `${what} of pack "${packName}" clashes with command "${taken.command.name}" of pack "${taken.packName}"`,
          packName,
        );
      }
    }
    const entry: CommandEntry = { command, packName };
    for (const word of words) this.byWord.set(word, entry);
    this.entries.add(entry);
    return toDisposable(() => {
      for (const word of words) if (this.byWord.get(word) === entry) this.byWord.delete(word);
      this.entries.delete(entry);
    });
  }

  resolve(word: string): CommandEntry | undefined {
    return this.byWord.get(word.toLowerCase());
  }

  list(): CommandEntry[] {
    return [...this.entries].sort((a, b) => a.command.name.localeCompare(b.command.name));
  }

  listOf(packName: string): CommandEntry[] {
    return this.list().filter((e) => e.packName === packName);
  }

  /** The registered word closest to a mistyped one, if any is close enough. */
  suggest(word: string): string | undefined {
    let best: string | undefined;
    let bestDistance = Math.max(1, Math.floor(word.length / 3)) + 1;
    for (const candidate of this.byWord.keys()) {
      const d = editDistance(word, candidate);
      if (d < bestDistance) {
        best = candidate;
        bestDistance = d;
      }
    }
    return best;
  }

  /** `help` text generated from what is registered now. */
  helpText(word?: string): string {
    if (word !== undefined) {
      const entry = this.resolve(word);
      if (!entry) return `No help for '${word}'. Type 'help' for a list of commands.`;
      const c = entry.command;
      const lines = [`${c.usage ?? c.name} - ${c.help}`];
      if (c.aliases.length > 0) lines.push(`Aliases: ${c.aliases.join(', ')}`);
      return lines.join('\n');
    }
    const byCategory = new Map<string, CommandEntry[]>();
    for (const entry of this.list()) {
      const cat = entry.command.category ?? entry.packName;
      byCategory.set(cat, [...(byCategory.get(cat) ?? []), entry]);
    }
    const width = Math.max(...this.list().map((e) => e.command.name.length), 4);
    const lines = ['Commands:'];
    for (const [cat, entries] of [...byCategory].sort(([a], [b]) => a.localeCompare(b))) {
      lines.push(`  ${cat}:`);
      for (const { command } of entries) lines.push(`    ${command.name.padEnd(width)}  ${command.help}`);
    }
    lines.push("Type 'help <command>' for more.");
    return lines.join('\n');
  }
}

function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0] as number;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j] as number;
      prev[j] = Math.min(up + 1, (prev[j - 1] as number) + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length] as number;
}
