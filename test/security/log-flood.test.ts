// Issue 15, item 7: what an attacker can make the log hold. Refused admin
// requests by the thousand make one line and a count; a pack version of
// 100,000 characters is refused and never logged in full.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { GameEngine, getSettings, Logger, MemorySink } from '../../src/engine/host';
import { ADMIN_ROUTES, AdminServer, readCredentials } from '../../src/engine/admin';
import { RepeatedWarnings } from '../../src/engine/core/repeated-warnings';
import { MAX_LOG_MESSAGE } from '../../src/engine/core/log-fields';
import { rawRequest } from './raw-http';

afterEach(() => vi.useRealTimers());

describe('a flood of refused admin requests', () => {
  it('logs the first refusal at once and no more while the flood lasts', async () => {
    const work = await mkdtemp(join(tmpdir(), 'maid-log-flood-'));
    const logs = new MemorySink();
    const engine = new GameEngine(getSettings({ env: {}, overrides: { dataDir: work } }), { logSinks: [logs.sink] });
    const admin = await AdminServer.start({ engine, dataDir: work });
    try {
      const port = Number(new URL(readCredentials(work)!.url).port);
      const answers = await Promise.all(Array.from({ length: 300 }, () => rawRequest(port, 'GET', ADMIN_ROUTES.status, {})));
      expect(answers.every((a) => a.status === 401)).toBe(true);
      const warnings = logs.records.filter((r) => r.level === 'WARNING');
      expect(warnings).toHaveLength(1);
      expect(warnings[0]!.message).toContain('Admin API refused GET /api/status');
    } finally {
      await admin.stop();
      await rm(work, { recursive: true, force: true });
    }
    // Stopping reports what was counted.
    const last = logs.records.filter((r) => r.level === 'WARNING').at(-1)!;
    expect(last.message).toMatch(/and 299 more like it in the last 10 s/);
  });

  it('reports the count when the window ends, and logs the next one afresh', () => {
    vi.useFakeTimers();
    const logs = new MemorySink();
    const warnings = new RepeatedWarnings(new Logger('INFO', [logs.sink]), 10_000);
    for (let i = 0; i < 5000; i++) warnings.log('refused', `refused request ${i}`);
    expect(logs.lines()).toEqual(['[WARNING] refused request 0']);
    vi.advanceTimersByTime(10_000);
    expect(logs.lines()).toEqual(['[WARNING] refused request 0', '[WARNING] refused request 4999 (and 4999 more like it in the last 10 s)']);
    warnings.log('refused', 'refused again');
    warnings.log('other', 'another kind');
    expect(logs.lines().slice(2)).toEqual(['[WARNING] refused again', '[WARNING] another kind']);
  });
});

describe('a pack with a 100,000-character version', () => {
  it('is refused with a message that quotes only the start of it', async () => {
    const logs = new MemorySink();
    const engine = new GameEngine(getSettings({ env: {} }), { logSinks: [logs.sink] });
    const version = `1.0.0-${'x'.repeat(100_000)}`;
    let message = '';
    try {
      await engine.loadContentPack({ manifest: { name: 'flood', version, dependencies: [] } });
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toContain('manifest version must be at most 64 characters');
    expect(message.length).toBeLessThan(400);
    for (const record of logs.records) expect(record.message.length).toBeLessThan(1000);
  });

  it('any message is cut to the log limit, saying how much was left out', () => {
    const logs = new MemorySink();
    new Logger('INFO', [logs.sink]).warn(`x${'y'.repeat(200_000)}`);
    expect(logs.records[0]!.message.length).toBeLessThan(MAX_LOG_MESSAGE + 100);
    expect(logs.records[0]!.message).toMatch(/… \(196001 more characters\)$/);
  });
});
