/**
 * Runs the real `maid` binary (bin/maid.mjs) as a child process, as a user
 * would, and waits for what it prints; never sleeps and hopes.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = fileURLToPath(new URL('../../', import.meta.url));
export const MAID_BIN = join(REPO, 'bin', 'maid.mjs');

/**
 * The environment without the developer's MAID_* settings, plus `extra`.
 * Game ports are 0 (any free one), so servers of tests running side by
 * side never compete for 4000. An `extra` value of '' removes the variable.
 */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const merged = withDefaults(extra);
  for (const [k, v] of Object.entries(merged)) if (v === '') delete merged[k];
  return merged;
}

function withDefaults(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('MAID_')) env[k] = v;
  // Log lines in the seed's plain form, as on a terminal, so tests compare them as the docs show them
  // (a pipe gets timestamps by default: log-lines.test.ts checks that with MAID_LOG_TIMESTAMPS unset).
  return { ...env, NO_COLOR: '1', MAID_PORT: '0', MAID_WS_PORT: '0', MAID_LOG_TIMESTAMPS: 'off', ...extra };
}

export interface RunOptions {
  cwd?: string;
  /** The maid binary to run (default: this repository's bin/maid.mjs). */
  bin?: string;
  env?: Record<string, string>;
  /** Written to stdin, which is then closed. */
  input?: string;
  timeoutMs?: number;
}

export interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `maid <args>` to the end. */
export function runMaid(args: string[], options: RunOptions = {}): Promise<Finished> {
  const p = startMaid(args, options);
  if (options.input !== undefined) p.child.stdin?.end(options.input);
  else p.child.stdin?.end();
  return p.exited;
}

export interface MaidProcess {
  child: ChildProcess;
  /** Everything printed so far, stdout and stderr, as lines in arrival order. */
  lines: string[];
  stdout(): string;
  stderr(): string;
  /** Resolves with the first line (from `from` on, or the line being printed) matching; rejects if the process exits or time runs out first. */
  waitFor(pattern: RegExp | string, options?: { from?: number; timeoutMs?: number }): Promise<string>;
  exited: Promise<Finished>;
  /** Sends a signal and waits for the exit code. */
  stop(signal?: NodeJS.Signals): Promise<Finished>;
}

/** Starts `maid <args>` and keeps it running. */
export function startMaid(args: string[], options: RunOptions = {}): MaidProcess {
  return startProcess(process.execPath, [options.bin ?? MAID_BIN, ...args], options);
}

/** Starts any command with the same plumbing (script(1) running maid in a pseudo-terminal). */
export function startProcess(file: string, args: string[], options: RunOptions = {}): MaidProcess {
  const child = spawn(file, args, { cwd: options.cwd ?? REPO, env: cleanEnv(options.env), stdio: ['pipe', 'pipe', 'pipe'] });
  const lines: string[] = [];
  let out = '';
  let err = '';
  const waiters = new Set<() => void>();
  const partial = { stdout: '', stderr: '' };
  const take = (stream: 'stdout' | 'stderr') => (chunk: Buffer) => {
    const text = chunk.toString('utf8');
    if (stream === 'stdout') out += text;
    else err += text;
    const parts = (partial[stream] + text).split('\n');
    partial[stream] = parts.pop() ?? '';
    lines.push(...parts);
    for (const w of [...waiters]) w();
  };
  child.stdout?.on('data', take('stdout'));
  child.stderr?.on('data', take('stderr'));
  const exited = new Promise<Finished>((resolve) =>
    child.on('close', (code) => {
      for (const s of ['stdout', 'stderr'] as const) if (partial[s]) lines.push(partial[s]);
      for (const w of [...waiters]) w();
      resolve({ code, stdout: out, stderr: err });
    }),
  );
  let done = false;
  void exited.then(() => (done = true));
  const timeout = options.timeoutMs ?? 15_000;

  return {
    child,
    lines,
    stdout: () => out,
    stderr: () => err,
    exited,
    waitFor(pattern, { from = 0, timeoutMs = timeout } = {}) {
      const matches = (l: string) => (typeof pattern === 'string' ? l.includes(pattern) : pattern.test(l));
      return new Promise((resolve, reject) => {
        const check = () => {
          // The unfinished last line counts too: a prompt has no newline after it.
          const hit = [...lines.slice(from), partial.stdout, partial.stderr].find((l) => l !== '' && matches(l));
          if (hit !== undefined) return finish(() => resolve(hit));
          if (done) finish(() => reject(new Error(`${args.join(' ')} exited before printing ${String(pattern)}:\n${lines.join('\n')}`)));
        };
        const timer = setTimeout(() => finish(() => reject(new Error(`Timed out waiting for ${String(pattern)} from ${args.join(' ')}:\n${lines.join('\n')}`))), timeoutMs);
        const finish = (fn: () => void) => {
          clearTimeout(timer);
          waiters.delete(check);
          fn();
        };
        waiters.add(check);
        check();
      });
    },
    async stop(signal = 'SIGTERM') {
      if (!done) child.kill(signal);
      return exited;
    },
  };
}

const made: string[] = [];

/** A new empty temporary folder, removed by `removeTempDirs` (each test file calls it after all its tests). */
export function makeTempDir(prefix = 'maid-cli-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** A temporary folder with copies of the shipped packs, and an empty data directory beside them. */
export function tempPacks(names: string[] = ['starter-world', 'combat']): { root: string; packsDir: string; dataDir: string } {
  const root = makeTempDir();
  const packsDir = join(root, 'packs');
  for (const name of names) cpSync(join(REPO, 'packs', name), join(packsDir, name), { recursive: true });
  return { root, packsDir, dataDir: join(root, 'data') };
}
