// Test helper (not shipped code): writes a throw-away pack folder for the loader tests.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface TestPack {
  readonly dir: string;
  /** Absolute path of a file given relative to the pack folder. */
  file(rel: string): string;
  write(rel: string, text: string): string;
  remove(rel: string): string;
  /** 1-based line and column of the first `needle` in the file. */
  position(rel: string, needle: string): { line: number; column: number };
  cleanup(): void;
}

export function createTestPack(files: Record<string, string>): TestPack {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'maid-loader-')));
  const pack: TestPack = {
    dir,
    file: (rel) => path.join(dir, ...rel.split('/')),
    write(rel, text) {
      const file = pack.file(rel);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, text);
      return file;
    },
    remove(rel) {
      const file = pack.file(rel);
      fs.rmSync(file, { force: true });
      return file;
    },
    position(rel, needle) {
      const lines = fs.readFileSync(pack.file(rel), 'utf8').split('\n');
      for (let i = 0; i < lines.length; i++) {
        const col = (lines[i] ?? '').indexOf(needle);
        if (col >= 0) return { line: i + 1, column: col + 1 };
      }
      throw new Error(`${needle} not in ${rel}`);
    },
    cleanup: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
  for (const [rel, text] of Object.entries(files)) pack.write(rel, text);
  return pack;
}
