/** Facts about the machine and the installed packages, for reports. */
import { readFileSync } from 'node:fs';
import os from 'node:os';

const root = new URL('../../', import.meta.url);

/** The version of an installed package, read from its package.json ("unknown" if absent). */
export function packageVersion(name: string): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL(`node_modules/${name}/package.json`, root), 'utf8')) as { version?: string };
    return pkg.version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

export interface MachineFacts {
  node: string;
  v8: string;
  platform: string;
  arch: string;
  /** What `nproc` reports: the CPUs this process may use. */
  nproc: number;
  cpuModel: string;
  totalMemGiB: number;
}

function cpuModel(): string {
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('model name'));
    if (line) return line.split(':').slice(1).join(':').trim();
  } catch {
    // not Linux: fall back to what node reports
  }
  return os.cpus()[0]?.model ?? 'unknown';
}

export function machineFacts(): MachineFacts {
  return {
    node: process.version,
    v8: process.versions.v8,
    platform: process.platform,
    arch: process.arch,
    nproc: os.availableParallelism(),
    cpuModel: cpuModel(),
    totalMemGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
  };
}
