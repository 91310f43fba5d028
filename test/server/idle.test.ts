import { describe, expect, it } from 'vitest';
import { useServers } from './kit/harness';

const { server, client } = useServers();

describe('idle players', () => {
  it('are told goodbye and disconnected after the idle timeout, and leave the world', async () => {
    const s = await server({ limits: { idleTimeoutMs: 1000 } });
    const c = await client(s.telnetPort);
    await c.login('Idris', 'sleepy-owl-77', true);
    const character = await s.storage.findCharacterByName('Idris');
    expect(s.engine.sessions.isOnline(character!.entityId)).toBe(true);
    await c.waitFor('You were idle for 1 second. Goodbye.', 0, 4000);
    await c.waitClosed();
    expect(s.engine.sessions.isOnline(character!.entityId)).toBe(false);
  });

  it('stay connected while they keep typing', async () => {
    const s = await server({ limits: { idleTimeoutMs: 1000 } });
    const c = await client(s.telnetPort);
    await c.login('Tamsin', 'quick-hare-1234', true);
    const start = c.mark();
    for (let i = 0; i < 8; i++) {
      await new Promise((r) => setTimeout(r, 300));
      const from = c.mark();
      c.line('look');
      await c.waitFor('Exits:', from);
    }
    expect(c.since(start)).not.toContain('idle');
    expect(c.closed).toBe(false);
  });
});
