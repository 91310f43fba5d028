import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { uncaughtErrorHandler, type UncaughtPackError } from '../host';
import { createTestEngine } from '../testing';

const fixture = fileURLToPath(new URL('../../../test/server/fixtures/runaway', import.meta.url));

async function engineWithRunawayPack() {
  const dir = join(mkdtempSync(join(tmpdir(), 'maid-process-errors-')), 'runaway');
  cpSync(fixture, dir, { recursive: true });
  const t = await createTestEngine({ packDirs: [dir] });
  return { ...t, dir };
}

/** An error thrown by the pack's own code: its `stall` handler given no session. */
function errorFromPackCode(t: Awaited<ReturnType<typeof engineWithRunawayPack>>): unknown {
  const handler = t.engine.commands.resolve('stall')?.command.handler as (ctx: unknown) => void;
  try {
    handler({ session: null });
  } catch (err) {
    return err;
  }
  throw new Error('the handler did not throw');
}

describe('errors outside any engine call (what the process handlers do)', () => {
  it('an error from pack code is logged at its pack file and line, and the process goes on', async () => {
    const t = await engineWithRunawayPack();
    const exits: number[] = [];
    const reports: UncaughtPackError[] = [];
    const handle = uncaughtErrorHandler(t.engine, { exit: (code) => void exits.push(code), onError: (r) => void reports.push(r) });
    const err = errorFromPackCode(t);
    const lines = readFileSync(join(t.dir, 'src', 'pack.ts'), 'utf8').split('\n');
    const line = lines.findIndex((l) => l.includes("session.send('Stalling.')")) + 1;
    const report = handle('uncaught-exception', err);
    expect(report).toMatchObject({ kind: 'uncaught-exception', packName: 'runaway', outcome: 'continue' });
    expect(report.text).toMatch(new RegExp(`^TypeError: .* at src/pack\\.ts:${line}:\\d+$`));
    expect(reports).toEqual([report]);
    expect(exits).toEqual([]);
    expect(t.log.lines()).toContain(`[ERROR] Uncaught error from pack 'runaway', outside any engine call: ${report.text}; the game goes on`);
    expect(handle('unhandled-rejection', err)).toMatchObject({ packName: 'runaway', outcome: 'continue' });
    await t.stop();
  });

  it('an uncaught exception no pack explains ends the process, unless the host says not to; a rejection never does', async () => {
    const t = await engineWithRunawayPack();
    const exits: number[] = [];
    const engineBug = new Error('engine bug');
    expect(uncaughtErrorHandler(t.engine, { exit: (code) => void exits.push(code) })('uncaught-exception', engineBug)).toMatchObject({ outcome: 'exit' });
    expect(exits).toEqual([1]);
    expect(t.log.lines().some((l) => l.startsWith('[ERROR] Uncaught error outside any engine call: Error: engine bug') && l.endsWith('; not from pack code, so the server stops'))).toBe(true);
    const studio = uncaughtErrorHandler(t.engine, { exitWhenNotFromPack: false, exit: (code) => void exits.push(code) });
    expect(studio('uncaught-exception', engineBug)).toMatchObject({ outcome: 'continue' });
    expect(uncaughtErrorHandler(t.engine, { exit: (code) => void exits.push(code) })('unhandled-rejection', 'a bare string')).toMatchObject({ outcome: 'continue', text: 'a bare string' });
    expect(exits).toEqual([1]);
    await t.stop();
  });
});
