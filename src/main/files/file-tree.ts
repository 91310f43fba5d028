import { readdir, realpath, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { FileNode } from '../../shared/model';
import { isInside } from './confine';

const HIDDEN_DIRS = new Set(['node_modules', 'dist', 'out', 'build', 'coverage']);
const MAX_DEPTH = 12;
const MAX_ENTRIES = 5000;

/** Names the tree leaves out: dot files, build output, editor and studio temp files. */
export function isHiddenFromTree(name: string, isDirectory: boolean): boolean {
  if (name.startsWith('.')) return true;
  if (isDirectory) return HIDDEN_DIRS.has(name);
  return name.endsWith('~') || /\.(swp|swo|tmp|crswap)$/i.test(name) || /\.maid-tmp-[\w-]+$/.test(name) || /^#.*#$/.test(name);
}

/** True when a path relative to the pack folder is something the tree shows. */
export function isShownInTree(relativePath: string): boolean {
  const parts = relativePath.split(/[\\/]/);
  return parts.every((part, i) => !isHiddenFromTree(part, i < parts.length - 1));
}

const byKindThenName = (a: FileNode, b: FileNode) => (a.kind === b.kind ? a.name.localeCompare(b.name) : a.kind === 'directory' ? -1 : 1);

/**
 * The files of a pack folder as a tree, folders first. Symbolic links are
 * listed only when they lead to somewhere inside the pack's real folder.
 */
export async function readFileTree(packDir: string): Promise<FileNode[]> {
  const realRoot = await realpath(packDir);
  let count = 0;
  const walk = async (dir: string, prefix: string, depth: number): Promise<FileNode[]> => {
    if (depth > MAX_DEPTH) return [];
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      return []; // vanished meanwhile, or unreadable: show nothing rather than fail the tree
    }
    const nodes: FileNode[] = [];
    for (const entry of entries) {
      if (count >= MAX_ENTRIES) break;
      const full = join(dir, entry.name);
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        try {
          if (!isInside(realRoot, await realpath(full))) continue;
          const info = await stat(full);
          isDir = info.isDirectory();
          isFile = info.isFile();
        } catch {
          continue;
        }
      }
      if ((!isDir && !isFile) || isHiddenFromTree(entry.name, isDir)) continue;
      count++;
      const path = prefix ? `${prefix}/${entry.name}` : entry.name;
      if (isDir) nodes.push({ name: entry.name, path, kind: 'directory', children: await walk(full, path, depth + 1) });
      else nodes.push({ name: entry.name, path, kind: 'file' });
    }
    return nodes.sort(byKindThenName);
  };
  return walk(packDir, '', 0);
}

/** Every file path in a tree, depth first. */
export function filePaths(nodes: FileNode[]): string[] {
  return nodes.flatMap((n) => (n.kind === 'file' ? [n.path] : filePaths(n.children ?? [])));
}
