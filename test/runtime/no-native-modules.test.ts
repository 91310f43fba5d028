/**
 * The engine loads no native addon (no `.node` file): the desktop app runs it
 * under Electron's Node, whose addon ABI differs from the CLI's, so a native
 * module would fail there at its first use. Checked two ways: a real `maid
 * server start` that serves a player and saves the world, watched from
 * inside; and the packages the Electron main bundle leaves external.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { TelnetTestClient } from '../server/kit/telnet-client';
import { makeTempDir, removeTempDirs, REPO, startMaid, tempPacks } from '../cli/maid-process';

afterAll(removeTempDirs);

interface NativeReport {
  node: string;
  dlopened: string[];
  sharedObjects: string[];
}

describe('no native modules', () => {
  it('maid server start serves a player and saves the world without loading any .node file', async () => {
    const { packsDir, dataDir } = tempPacks();
    const reportFile = join(makeTempDir(), 'native.json');
    const recorder = pathToFileURL(join(REPO, 'test', 'runtime', 'native-module-recorder.mjs')).href;
    const server = startMaid(['server', 'start', '--packs-dir', packsDir, '--data-dir', dataDir], {
      env: { NODE_OPTIONS: `--import ${recorder}`, MAID_NATIVE_REPORT: reportFile },
    });
    const listening = await server.waitFor(/Telnet on 127\.0\.0\.1:\d+/, { timeoutMs: 30_000 });
    await server.waitFor('Ctrl-C stops the server', { timeoutMs: 30_000 });
    const port = Number(/Telnet on 127\.0\.0\.1:(\d+)/.exec(listening)![1]);
    const player = await TelnetTestClient.connect(port);
    expect(await player.login('Nadia', 'silver-moon-42', true)).toContain('Exits:');
    player.close();
    const finished = await server.stop('SIGTERM');
    expect(finished.code, finished.stderr).toBe(0);

    expect(existsSync(join(dataDir, 'world.db'))).toBe(true);
    const report = JSON.parse(readFileSync(reportFile, 'utf8')) as NativeReport;
    expect(report.node).toBe(process.version);
    expect(report.dlopened).toEqual([]);
    expect(report.sharedObjects.filter((file) => file.endsWith('.node'))).toEqual([]);
    // The recorder saw the process: the report lists the node binary itself.
    expect(report.sharedObjects.length).toBeGreaterThan(0);
  }, 60_000);

  it('the Electron main bundle keeps external only packages with no native addon in their dependency closure', () => {
    const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    // electron-vite leaves `dependencies` external; electron.vite.config.ts adds typescript.
    const external = [...Object.keys(pkg.dependencies), 'typescript'];
    const seen = new Set<string>();
    const offenders: string[] = [];
    const visit = (name: string) => {
      if (seen.has(name)) return;
      seen.add(name);
      const dir = join(REPO, 'node_modules', name);
      if (!existsSync(dir)) return; // an optional dependency not installed on this platform
      const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { gypfile?: boolean; dependencies?: Record<string, string>; optionalDependencies?: Record<string, string> };
      if (manifest.gypfile || existsSync(join(dir, 'binding.gyp'))) offenders.push(`${name}: builds a native addon`);
      for (const file of nativeFiles(dir)) offenders.push(`${name}: ships ${file}`);
      for (const dep of Object.keys({ ...manifest.dependencies, ...manifest.optionalDependencies })) visit(dep);
    };
    external.forEach(visit);
    expect(seen.size).toBeGreaterThan(external.length);
    expect(offenders).toEqual([]);
  });
});

/** `.node` files under a package folder (not descending into nested node_modules: those are visited as packages). */
function nativeFiles(dir: string, found: string[] = [], base = dir): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules') continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) nativeFiles(path, found, base);
    else if (entry.name.endsWith('.node')) found.push(path.slice(base.length + 1));
  }
  return found;
}
