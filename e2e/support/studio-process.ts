// Starts the studio in web mode as a user would (`npm run studio -- --web`),
// on a temporary COPY of the packs and a temporary data folder, and stops it.
import { spawn, type ChildProcess } from 'node:child_process';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { READY_PREFIX } from '../../src/main/launch/ready-line';
import { repoRoot } from './paths';

export interface RunningStudio {
  /** The URL with the token. */
  url: string;
  origin: string;
  token: string;
  /** The temporary folder holding the packs copy (`packs/`), the data folder and anything a test makes. */
  workDir: string;
  packsDir: string;
  /** Milliseconds from starting the studio process to its URL line. */
  startupMs: number;
  /** performance.now() when the studio process was started. */
  spawnedAt: number;
  /** What the studio printed so far (its engine log). */
  output(): string;
  stop(): Promise<void>;
}

export interface StudioLaunch {
  watchDebounce?: number;
  /** Port of the studio page (default: a free one). */
  port?: number;
  /** Runs on the packs copy before the studio starts (to break a pack, say). */
  prepare?: (packsDir: string) => Promise<void>;
}

/** A temporary folder with copies of the repository's shipped packs (`packs/`); tests never edit the real ones. */
export async function prepareWorkDir(): Promise<{ workDir: string; packsDir: string; dataDir: string }> {
  const workDir = await mkdtemp(join(tmpdir(), 'maid-studio-e2e-'));
  const packsDir = join(workDir, 'packs');
  // The shipped packs by name: a pack an author added to packs/ must not change what the tests see.
  for (const name of ['starter-world', 'combat']) await cp(join(repoRoot, 'packs', name), join(packsDir, name), { recursive: true, filter: (src) => !src.includes('node_modules') });
  return { workDir, packsDir, dataDir: join(workDir, 'data') };
}

export async function launchStudio(options: StudioLaunch = {}): Promise<RunningStudio> {
  const { workDir, packsDir, dataDir } = await prepareWorkDir();
  await options.prepare?.(packsDir);
  const args = [join(repoRoot, 'src', 'main', 'launch', 'studio.mjs'), '--web', '--no-open', '--no-build'];
  args.push('--packs-dir', packsDir, '--data-dir', dataDir, '--game-port', '0', '--port', String(options.port ?? 0));
  if (options.watchDebounce !== undefined) args.push('--watch-debounce', String(options.watchDebounce));
  const spawnedAt = performance.now();
  const child: ChildProcess = spawn(process.execPath, args, { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, MAID_LOG_LEVEL: 'INFO' } });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));

  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`The studio did not start within 30 s:\n${output}`)), 30_000);
    const check = () => {
      const line = output.split('\n').find((l) => l.startsWith(READY_PREFIX));
      if (line) {
        clearTimeout(timer);
        resolve(line.slice(READY_PREFIX.length).trim());
      }
    };
    child.stdout?.on('data', check);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The studio exited (code ${code}) before it was ready:\n${output}`));
    });
  });
  const startupMs = performance.now() - spawnedAt;
  const parsed = new URL(url);
  let stopped = false;
  return {
    url,
    origin: parsed.origin,
    token: parsed.searchParams.get('token') ?? '',
    workDir,
    packsDir,
    startupMs,
    spawnedAt,
    output: () => output,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      if (child.exitCode === null) {
        const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
        child.kill('SIGTERM');
        const killer = setTimeout(() => child.kill('SIGKILL'), 8000);
        await exited;
        clearTimeout(killer);
      }
      await rm(workDir, { recursive: true, force: true });
    },
  };
}
