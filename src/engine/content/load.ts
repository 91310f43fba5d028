import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { digestOf, parseArea } from './parse';
import type { AreaFile, ContentProblem, PackContent } from './types';

export const AREA_EXTENSIONS = ['.yaml', '.yml'] as const;

export function isAreaFile(name: string): boolean {
  return AREA_EXTENSIONS.some((ext) => name.endsWith(ext)) && !name.startsWith('.');
}

/** One pack's parsed files by absolute path (each with its text's digest): a reload parses again only the files whose text changed. */
export type ParseCache = ReadonlyMap<string, AreaFile>;

export interface ReadAreas {
  content: PackContent;
  problems: ContentProblem[];
  /** What to remember as the pack's parse cache once this content is committed. */
  cache: Map<string, AreaFile>;
}

/**
 * Reads every area file of a pack folder (`areas/*.yaml`, sorted by name;
 * sub-folders too). Files are named relative to `baseDir` (the pack folder).
 */
export function readAreas(packName: string, areasDir: string, baseDir: string, cache: ParseCache): ReadAreas {
  const content: PackContent = { packName, dir: areasDir, files: [] };
  const problems: ContentProblem[] = [];
  const read = new Map<string, AreaFile>();
  if (!existsSync(areasDir)) return { content, problems, cache: read };
  const paths = (readdirSync(areasDir, { recursive: true }) as string[]).filter((p) => isAreaFile(p.split(/[\\/]/).pop() ?? '')).sort();
  for (const rel of paths) {
    const abs = join(areasDir, rel);
    const file = relative(baseDir, abs).split('\\').join('/');
    const text = readFileSync(abs, 'utf8');
    const cached = cache.get(abs);
    if (cached && cached.digest === digestOf(text) && cached.file === file) {
      content.files.push(cached);
      read.set(abs, cached);
      continue;
    }
    // The file's last parse lends its unchanged entries (only changed ones are parsed again).
    const parsed = parseArea(packName, file, text, cached);
    problems.push(...parsed.problems);
    if (parsed.area) {
      content.files.push(parsed.area);
      read.set(abs, parsed.area);
    }
  }
  return { content, problems, cache: read };
}

