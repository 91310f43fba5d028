import { describe, expect, it } from 'vitest';
import { Logger, MemorySink } from '../../core/logger';
import { MemoryStorage } from '../../storage/memory-storage';
import { AccountService } from './accounts';

const FAST = { N: 1024, r: 8, p: 1 };

describe('AccountService roles', () => {
  it('makes the first account on a server its builder, exactly one even when several register at once', async () => {
    const storage = new MemoryStorage();
    await storage.open();
    const log = new MemorySink();
    const accounts = new AccountService(storage, new Logger('INFO', [log.sink]), { passwordParams: FAST });
    const results = await Promise.all(['Ada', 'Bob', 'Cyd', 'Dee'].map((name) => accounts.register(name, 'silver-moon-42')));
    expect(results.every((r) => r.ok)).toBe(true);
    const roles = await Promise.all(['Ada', 'Bob', 'Cyd', 'Dee'].map(async (name) => (await storage.findAccount(name))?.roles ?? []));
    expect(roles.filter((r) => r.includes('builder'))).toHaveLength(1);
    expect(log.lines().filter((l) => l.includes('is the first account on this server: it has the builder role'))).toHaveLength(1);
    expect((await accounts.register('Eve', 'silver-moon-42')).ok && (await storage.findAccount('Eve'))?.roles).toBeUndefined();
  });
});
