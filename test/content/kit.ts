/**
 * A real server (shipped packs copied to a temp folder, telnet on port 0)
 * with the pack watcher on, and helpers to edit its area files the way an
 * author does: write the file, then wait for the reload it causes.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ReloadResult } from '../../src/engine/host';
import type { TestServer } from '../server/kit/server-fixture';
import type { useServers } from '../server/kit/harness';

/** The example pack of docs/building-a-world.md. */
export const examplesDir = fileURLToPath(new URL('../../docs/examples/world/', import.meta.url));

export interface LiveWorld {
  s: TestServer;
  path(pack: string, rel: string): string;
  read(pack: string, rel: string): string;
  write(pack: string, rel: string, text: string): void;
  /** Replaces text in a pack's file and saves it; fails if the text is not there. */
  edit(pack: string, rel: string, from: string | RegExp, to: string): void;
  /** The next reload of the pack that a save caused (trigger 'file'), or that a reload of a pack it depends on caused ('dependency'). */
  nextReload(pack: string, trigger?: 'file' | 'dependency'): Promise<ReloadResult>;
  /** Copies docs/examples/world/riverside into the packs folder and loads it (watched). */
  addRiverside(): Promise<void>;
}

export async function liveWorld(servers: ReturnType<typeof useServers>, debounce = 0.15): Promise<LiveWorld> {
  const s = await servers.server();
  await s.engine.hotReload.enableWatching(debounce);
  const path = (pack: string, rel: string) => join(s.packsDir, pack, rel);
  const world: LiveWorld = {
    s,
    path,
    read: (pack, rel) => readFileSync(path(pack, rel), 'utf8'),
    write: (pack, rel, text) => writeFileSync(path(pack, rel), text),
    edit(pack, rel, from, to) {
      const before = world.read(pack, rel);
      const after = before.replace(from, to);
      if (after === before) throw new Error(`edit: ${String(from)} not found in ${pack}/${rel}`);
      world.write(pack, rel, after);
    },
    nextReload: (pack, trigger = 'file') =>
      new Promise((resolve) => {
        const sub = s.engine.hotReload.onReload.on((r) => {
          if (r.packName !== pack || r.trigger !== trigger) return;
          sub.dispose();
          resolve(r);
        });
      }),
    async addRiverside() {
      cpSync(join(examplesDir, 'riverside'), join(s.packsDir, 'riverside'), { recursive: true });
      const record = await s.engine.loadPackFromPath(join(s.packsDir, 'riverside'));
      if (record.status !== 'loaded') throw new Error(`riverside did not load: ${record.error}`);
    },
  };
  return world;
}

/** The text of a file with one entry's block (from its `- key:` line to the next entry or section) replaced. */
export function replaceEntry(text: string, key: string, entry: string): string {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => l.trim() === `- key: ${key}`);
  if (start < 0) throw new Error(`no entry ${key}`);
  let end = start + 1;
  while (end < lines.length && !/^\s*- key:/.test(lines[end] as string) && !/^\S/.test(lines[end] as string)) end++;
  while (end > start + 1 && (lines[end - 1] as string).trim() === '') end--;
  return [...lines.slice(0, start), ...entry.replace(/\n$/, '').split('\n'), ...lines.slice(end)].join('\n');
}

/** An example file of docs/examples/world without its leading comment lines. */
export function exampleEntry(name: string): string {
  return readFileSync(join(examplesDir, name), 'utf8')
    .split('\n')
    .filter((l, i, all) => !(l.startsWith('#') && all.slice(0, i).every((p) => p.startsWith('#'))))
    .join('\n');
}
