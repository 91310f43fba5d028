/**
 * The pictures docs/ show: each one a PNG that is there, and each PNG under
 * docs/images/ shown by some page. They are screenshots the studio's
 * end-to-end tests take of the step they illustrate (a `docs` name on the
 * step's snapshot), renewed with `MAID_DOCS_SCREENSHOTS=docs/images npx
 * playwright test`, so a picture is of the studio as the tests drive it.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const docsDir = join(root, 'docs');
const imagesDir = join(docsDir, 'images');
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function shownImages(): { doc: string; path: string }[] {
  const shown: { doc: string; path: string }[] = [];
  for (const doc of readdirSync(docsDir).filter((f) => f.endsWith('.md'))) {
    const text = readFileSync(join(docsDir, doc), 'utf8');
    for (const m of text.matchAll(/!\[[^\]]*\]\(([^)\s]+)\)/g)) shown.push({ doc, path: resolve(docsDir, m[1] as string) });
  }
  return shown;
}

describe('the pictures in docs/', () => {
  it('are PNG files that are there', () => {
    const shown = shownImages();
    expect(shown.length, 'docs/studio.md shows the panels').toBeGreaterThan(0);
    for (const { doc, path } of shown) {
      expect(existsSync(path), `${doc} shows ${path}`).toBe(true);
      expect(readFileSync(path).subarray(0, 8).equals(PNG_SIGNATURE), `${path} is a PNG`).toBe(true);
    }
  });

  it('are each shown by some page, and each made by a test step', () => {
    const shown = new Set(shownImages().map((s) => s.path));
    const specs = readdirSync(join(root, 'e2e'))
      .filter((f) => f.endsWith('.spec.ts'))
      .map((f) => readFileSync(join(root, 'e2e', f), 'utf8'))
      .join('\n');
    for (const file of existsSync(imagesDir) ? readdirSync(imagesDir) : []) {
      expect(shown.has(join(imagesDir, file)), `docs/images/${file} is shown by a page of docs/`).toBe(true);
      const name = file.replace(/\.png$/, '');
      expect(specs.includes(`docs: '${name}'`), `an e2e step takes docs/images/${file} (snapshot with docs: '${name}')`).toBe(true);
    }
  });
});
