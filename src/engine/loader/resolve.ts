import fs from 'node:fs';
import path from 'node:path';
import { MODULE_EXTENSIONS } from './transpile';

export type Resolution =
  | { readonly ok: true; readonly file: string }
  | { readonly ok: false; readonly reason: 'not-found' | 'outside-pack'; readonly target: string };

/** Extension-less imports try these, TypeScript first. */
const IMPLICIT_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs', '.json'];

/** TypeScript ESM authors write the emitted extension (`./x.js`) for a `.ts` file. */
const SUBSTITUTES: Readonly<Record<string, readonly string[]>> = {
  '.js': ['.ts', '.tsx', '.js', '.jsx'],
  '.jsx': ['.tsx', '.jsx'],
  '.mjs': ['.mts', '.mjs'],
  '.cjs': ['.cts', '.cjs'],
};

/** `./x`, `../x`, `/abs/x`: resolved by the loader inside the pack. Anything else is a package or builtin. */
export function isPathSpecifier(specifier: string): boolean {
  return specifier.startsWith('./') || specifier.startsWith('../') || specifier === '.' || specifier === '..' || path.isAbsolute(specifier);
}

export function isInside(dir: string, file: string): boolean {
  const rel = path.relative(dir, file);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

function isFile(file: string): boolean {
  return fs.statSync(file, { throwIfNoEntry: false })?.isFile() ?? false;
}

/** Files `target` may stand for, in the order they are tried. */
export function candidateFiles(target: string): string[] {
  const ext = path.extname(target).toLowerCase();
  const out: string[] = [];
  const subs = SUBSTITUTES[ext];
  if (subs) {
    const stem = target.slice(0, -ext.length);
    for (const s of subs) out.push(stem + s);
  } else if (MODULE_EXTENSIONS.includes(ext)) {
    out.push(target);
  }
  for (const e of IMPLICIT_EXTENSIONS) out.push(target + e);
  for (const e of IMPLICIT_EXTENSIONS) out.push(path.join(target, 'index' + e));
  return out;
}

/** Resolve a path specifier from the directory of the importing file; never outside `packDir`. */
export function resolvePathSpecifier(fromDir: string, specifier: string, packDir: string): Resolution {
  const target = path.resolve(fromDir, specifier);
  if (!isInside(packDir, target)) return { ok: false, reason: 'outside-pack', target };
  for (const file of candidateFiles(target)) {
    if (isInside(packDir, file) && isFile(file)) return { ok: true, file };
  }
  return { ok: false, reason: 'not-found', target };
}

/**
 * Files a module id may name: a path (`systems/combat.ts`, `src/systems/combat`,
 * absolute) or a dotted id (`systems.combat`, or `combat.systems.combat` whose
 * first segment is the pack's name), relative to `srcDir`.
 */
export function moduleIdTargets(moduleId: string, packDir: string, srcDir: string, packName: string): string[] {
  const id = moduleId.trim();
  if (id === '') return [];
  if (path.isAbsolute(id)) return [path.normalize(id)];
  const looksLikePath = /[\\/]/.test(id) || MODULE_EXTENSIONS.includes(path.extname(id).toLowerCase());
  if (looksLikePath) {
    const rel = id.replace(/^\.[\\/]/, '');
    const fromPack = path.resolve(packDir, rel);
    const fromSrc = path.resolve(srcDir, rel);
    return /^src[\\/]/.test(rel) ? [fromPack, fromSrc] : [fromSrc, fromPack];
  }
  const segments = id.split('.').filter((s) => s !== '');
  const out: string[] = [];
  if (segments.length > 1 && segments[0] === packName) out.push(path.join(srcDir, ...segments.slice(1)));
  out.push(path.join(srcDir, ...segments));
  return out;
}

/** Where an import of `specifier` is written in `source`: the opening quote, 1-based; the one nearest `nearLine` if several. */
export function findSpecifierLocation(
  source: string,
  specifier: string,
  nearLine?: number,
): { line: number; column: number; lineText: string } | undefined {
  const escaped = specifier.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(`(['"\`])${escaped}\\1`, 'g');
  const lines = source.split(/\r?\n/);
  let best: { line: number; column: number; lineText: string } | undefined;
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i] ?? '';
    pattern.lastIndex = 0;
    const m = pattern.exec(text);
    if (!m) continue;
    const found = { line: i + 1, column: m.index + 1, lineText: text };
    if (nearLine === undefined) return found;
    if (!best || Math.abs(found.line - nearLine) < Math.abs(best.line - nearLine)) best = found;
  }
  return best;
}

/** `@packs/starter-world` → `starter-world`; the folder name when package.json has none. */
export function readPackName(packDir: string): string {
  try {
    const pkg = JSON.parse(fs.readFileSync(path.join(packDir, 'package.json'), 'utf8')) as { name?: unknown };
    if (typeof pkg.name === 'string' && pkg.name !== '') return pkg.name.replace(/^@[^/]+\//, '');
  } catch {
    // no or unreadable package.json: fall through
  }
  return path.basename(packDir);
}
