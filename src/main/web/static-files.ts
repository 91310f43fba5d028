import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.ttf': 'font/ttf',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
};

export interface StaticFile {
  body: Buffer;
  type: string;
  /** Hashed bundle names never change content: cache them for good. */
  immutable: boolean;
}

/**
 * Reads a file of the built renderer by URL path, never outside its folder:
 * `..`, encoded separators and NUL are refused (undefined, i.e. 404).
 */
export async function readStaticFile(rootDir: string, urlPath: string): Promise<StaticFile | undefined> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0') || decoded.includes('\\') || decoded.split('/').includes('..')) return undefined;
  const relative = normalize(decoded).replace(/^[/\\]+/, '');
  const full = join(rootDir, relative);
  if (!full.startsWith(rootDir.endsWith(sep) ? rootDir : rootDir + sep)) return undefined;
  try {
    const info = await stat(full);
    if (!info.isFile()) return undefined;
    return {
      body: await readFile(full),
      type: TYPES[extname(full).toLowerCase()] ?? 'application/octet-stream',
      immutable: relative.startsWith(`assets${sep}`) || relative.startsWith('assets/'),
    };
  } catch {
    return undefined;
  }
}

/** The built renderer, read once per file and kept in memory (it does not change while the studio runs). */
export class StaticFiles {
  private readonly cache = new Map<string, Promise<StaticFile | undefined>>();

  constructor(private readonly rootDir: string) {}

  get(urlPath: string): Promise<StaticFile | undefined> {
    let file = this.cache.get(urlPath);
    if (!file) {
      file = readStaticFile(this.rootDir, urlPath);
      this.cache.set(urlPath, file);
      // Misses are not kept: a later build may add the file, and a flood of bad paths must not grow the cache.
      void file.then((f) => f === undefined && this.cache.delete(urlPath));
    }
    return file;
  }
}
